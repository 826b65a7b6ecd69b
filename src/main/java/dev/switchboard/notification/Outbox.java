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

    /**
     * Like {@link #add} for an automatic mail under a cap: if its recipient already got {@code perHour} mails of
     * its kind in the past hour, the item is kept as held (admins see it and may send it) instead of queued.
     * The count and the insert are one statement.
     */
    void addWithinHourlyCap(OutboundMessage message, int perHour);
}
