package dev.switchboard.ticket;

/**
 * A reply or internal note. {@code html} may be null when the author wrote plain text; {@code channel}
 * is where it came in (null: the ticket's own channel), used when it has to open a follow-up ticket.
 */
public record NewMessage(String text, String html, boolean internal, Channel channel) {

    public static NewMessage reply(String text) {
        return new NewMessage(text, null, false, null);
    }

    public static NewMessage note(String text) {
        return new NewMessage(text, null, true, null);
    }
}
