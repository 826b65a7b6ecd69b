package dev.switchboard.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rows read within one transaction, kept for the rest of it. One change often has several readers of the
 * same row (a new ticket is read by routing, the SLA clock, the confirmation and the API's answer), and each
 * read is a round trip to the database. The owner of the rows calls {@link #forget(Object)} on every write of
 * one row and {@link #forget()} on every write that may change several, so a read after a change always sees
 * the change. Several new tickets sharing a transaction ({@link GroupCommit}) each keep theirs: one's write
 * does not drop another's. Outside a transaction nothing is kept.
 *
 * @param <K> the row's key
 * @param <V> the row as its owner reads it (an immutable value)
 */
public final class TransactionMemo<K, V> {

    private final TransactionScoped<Map<K, Optional<V>>> rows = new TransactionScoped<>();

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

    /** Forgets this row, if kept: call it on every write that changes only this row. */
    public void forget(K id) {
        Map<K, Optional<V>> rows = rows(false);
        if (rows != null) {
            rows.remove(id);
        }
    }

    /** Forgets every row kept in this transaction: call it on every write that may change several. */
    public void forget() {
        Map<K, Optional<V>> rows = rows(false);
        if (rows != null) {
            rows.clear();
        }
    }

    private Map<K, Optional<V>> rows(boolean create) {
        return create ? rows.current(HashMap::new) : rows.current();
    }
}
