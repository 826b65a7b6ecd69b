package dev.switchboard.ticket;

/** A ticket just opened: its id, and its first message's id ({@code null} when it opened without one). */
public record OpenedTicket(long ticketId, Long firstMessageId) {
}
