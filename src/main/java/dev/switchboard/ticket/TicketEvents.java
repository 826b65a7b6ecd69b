package dev.switchboard.ticket;

import dev.switchboard.identity.Actor;
import java.time.Instant;
import java.util.List;

/**
 * Domain events the ticket module publishes inside the transaction that made the change, for the modules
 * that react to tickets (notifications, SLA, routing, automation).
 */
public final class TicketEvents {

    private TicketEvents() {
    }

    public record TicketOpened(long ticketId, Channel channel, long requesterId, Long followUpOfId, Instant at) {
    }

    public record FieldChanged(String field, String oldValue, String newValue) {
    }

    public record TicketChanged(long ticketId, Actor actor, List<FieldChanged> changes, Instant at) {
    }

    public record StatusChanged(long ticketId, TicketStatus from, TicketStatus to, Actor actor, String reason, Instant at) {
    }

    public record MessagePosted(long ticketId, long messageId, boolean internal, boolean byRequester, Actor author,
                                Instant at) {
    }
}
