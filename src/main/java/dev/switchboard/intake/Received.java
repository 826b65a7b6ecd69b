package dev.switchboard.intake;

/** What intake made of a message: the ticket it is on, and whether that ticket is new. */
public record Received(long ticketId, boolean newTicket) {
}
