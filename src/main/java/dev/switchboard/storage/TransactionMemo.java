package dev.switchboard.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows read within one transaction, kept for the rest of it. One change often has several readers of the
 * same row (a new ticket is read by routing, the SLA clock, the confirmation and the API's answer), and each
 * read is a round trip to the database. The owner of the rows calls {@link #forget()} on every write of them,
 * so a read after a change always sees the change. Outside a transaction nothing is kept.
 *
 * @param <K> the row's key
 * @param <V> the row as its owner reads it (an immutable value)
 */
public final class TransactionMemo<K, V> {

    private final Object key = new Object();

    /** The row read earlier in this transaction, or what {@code load} reads now (and keeps). */
    public Optional<V> get(K id, Supplier<Optional<V>> load) {
        Map<K, Optional<V>> rows = rows(true);
        if (rows == null) {
            return load.get();
        }
        Optional<V> row = rows.get(id);
        if (row == null) {
            row = load.get();
            rows.put(id, row);
        }
        return row;
    }

    /** Keeps a row the owner has just read another way (by another key, say). */
    public void remember(K id, V row) {
        Map<K, Optional<V>> rows = rows(true);
        if (rows != null) {
            rows.put(id, Optional.of(row));
        }
    }

    /** Forgets every row kept in this transaction: call it on every write. */
    public void forget() {
        Map<K, Optional<V>> rows = rows(false);
        if (rows != null) {
            rows.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<K, Optional<V>> rows(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<K, Optional<V>> rows = (Map<K, Optional<V>>) TransactionSynchronizationManager.getResource(key);
        if (rows == null && create) {
            Map<K, Optional<V>> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(key, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                // a transaction suspended for another (REQUIRES_NEW) keeps its rows; the other reads afresh
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(key, fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            rows = fresh;
        }
        return rows;
    }
}
