package dev.switchboard.notification;

/**
 * One attempt to deliver an outbox item. {@code key} is fixed for the item across retries, so a channel
 * can derive stable identifiers from it (a mail Message-ID) and a receiver can drop duplicates.
 */
public record OutboxDelivery(long id, String key, OutboundMessage message, int attempt) {
}
