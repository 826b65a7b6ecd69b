package dev.switchboard.intake;

/**
 * What intake made of a message: the ticket it is on (a new one, the one it answered, or a follow-up of
 * a closed one), the message it became, and whether the ticket is new.
 */
public record Received(long ticketId, long messageId, boolean newTicket) {
}
