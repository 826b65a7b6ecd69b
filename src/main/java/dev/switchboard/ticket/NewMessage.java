package dev.switchboard.ticket;

import java.util.List;

/**
 * A reply or internal note. {@code html} may be null when the author wrote plain text; {@code channel}
 * is where it came in (null: the ticket's own channel), used when it has to open a follow-up ticket.
 */
public record NewMessage(String text, String html, boolean internal, Channel channel, List<Attachment> attachments) {

    public NewMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public NewMessage(String text, String html, boolean internal, Channel channel) {
        this(text, html, internal, channel, List.of());
    }

    public static NewMessage reply(String text) {
        return new NewMessage(text, null, false, null);
    }

    public static NewMessage note(String text) {
        return new NewMessage(text, null, true, null);
    }
}
