package dev.switchboard.notification;

import java.util.List;

/**
 * Something to send to a person through a channel: a reply, a confirmation, a ping. {@code kind} names
 * what it is (for example {@code reply}, {@code ticket_created}); {@code ticketId} and {@code messageId}
 * tie it to what caused it, so the channel can thread it (mail headers) and admins can trace it.
 * {@code attachmentIds} are stored files of the ticket's public messages that go along (an agent's reply
 * with files): the outbox keeps the references, and the channel reads the files when it delivers, so a
 * retry days later still sends them.
 */
public record OutboundMessage(String channel, String recipient, String subject, String text, String html,
                              Long ticketId, Long messageId, String kind, List<Long> attachmentIds) {

    public OutboundMessage {
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
    }

    /** A message without files. */
    public OutboundMessage(String channel, String recipient, String subject, String text, String html, Long ticketId,
                           Long messageId, String kind) {
        this(channel, recipient, subject, text, html, ticketId, messageId, kind, List.of());
    }
}
