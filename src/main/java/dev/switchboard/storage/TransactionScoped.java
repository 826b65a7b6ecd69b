package dev.switchboard.storage;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that belongs to one transaction: set aside while another transaction runs inside it
 * (REQUIRES_NEW), which gets its own, and dropped when it ends. Outside a transaction there is none.
 */
final class TransactionScoped<T> {

    private final Object key = new Object();

    /** This transaction's value, or null if it has none yet (or there is no transaction). */
    @SuppressWarnings("unchecked")
    T current() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (T) TransactionSynchronizationManager.getResource(key) : null;
    }

    /** This transaction's value, made with {@code fresh} if it has none yet; null outside a transaction. */
    T current(Supplier<T> fresh) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        T value = current();
        if (value == null) {
            T made = fresh.get();
            TransactionSynchronizationManager.bindResource(key, made);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(key, made);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            value = made;
        }
        return value;
    }
}
