package dev.switchboard.notification;

/**
 * The transactional outbox: what leaves Switchboard is written here in the same transaction as the change
 * that caused it, then delivered by a dispatcher with retries, backoff and a dead-letter state.
 */
public interface Outbox {

    /** Must be called inside the transaction of the change that causes the message; answers the item's id. */
    long enqueue(OutboundMessage message);

    /**
     * Like {@link #enqueue} for a caller that needs no id and sends no files: the item is written as the
     * transaction commits, together with the transaction's other new rows (see
     * {@link dev.switchboard.storage.DeferredInserts}), which saves a round trip to the database.
     */
    void add(OutboundMessage message);
}
