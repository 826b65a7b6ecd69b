package dev.switchboard.notification.internal;

import dev.switchboard.notification.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of the outbox, as the dispatcher works on it and as admins see it. */
record OutboxItem(long id, UUID key, String channel, String recipient, String subject, String text, String html,
                  Long ticketId, Long messageId, String kind, String status, int attempts, Instant nextAttemptAt,
                  String lastError, Instant createdAt, Instant sentAt, List<Long> attachmentIds) {

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String DEAD = "dead";
    /** An automatic mail over its hourly cap: kept for admins to see, never sent unless one sends it. */
    static final String HELD = "held";

    /** Pending after at least one failed attempt, waiting for the next one (as opposed to queued: not tried yet). */
    public boolean failing() { // public: the page template asks
        return PENDING.equals(status) && attempts > 0;
    }

    OutboundMessage message() {
        return new OutboundMessage(channel, recipient, subject, text, html, ticketId, messageId, kind, attachmentIds);
    }

    /** The same item with its files' ids (read in one query for a whole page of items). */
    OutboxItem withAttachments(List<Long> ids) {
        return new OutboxItem(id, key, channel, recipient, subject, text, html, ticketId, messageId, kind, status,
                attempts, nextAttemptAt, lastError, createdAt, sentAt, List.copyOf(ids));
    }
}
