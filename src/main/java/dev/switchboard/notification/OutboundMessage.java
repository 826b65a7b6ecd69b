package dev.switchboard.notification;

/**
 * Something to send to a person through a channel: a reply, a confirmation, a ping. {@code kind} names
 * what it is (for example {@code reply}, {@code ticket_created}); {@code ticketId} and {@code messageId}
 * tie it to what caused it, so the channel can thread it (mail headers) and admins can trace it.
 */
public record OutboundMessage(String channel, String recipient, String subject, String text, String html,
                              Long ticketId, Long messageId, String kind) {
}
