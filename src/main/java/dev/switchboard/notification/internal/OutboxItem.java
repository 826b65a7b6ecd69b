package dev.switchboard.notification.internal;

import dev.switchboard.notification.OutboundMessage;
import java.time.Instant;
import java.util.UUID;

/** One row of the outbox, as the dispatcher works on it and as admins see it. */
record OutboxItem(long id, UUID key, String channel, String recipient, String subject, String text, String html,
                  Long ticketId, Long messageId, String kind, String status, int attempts, Instant nextAttemptAt,
                  String lastError, Instant createdAt, Instant sentAt) {

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String DEAD = "dead";

    OutboundMessage message() {
        return new OutboundMessage(channel, recipient, subject, text, html, ticketId, messageId, kind);
    }
}
