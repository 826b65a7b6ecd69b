package dev.switchboard.ticket;

import java.time.Instant;

/** One entry of a ticket's conversation. {@code bodyHtml} is sanitized and safe to show as it is. */
public record MessageView(long id, long ticketId, TicketView.Person author, boolean internal, String bodyText,
                          String bodyHtml, Instant createdAt) {
}
