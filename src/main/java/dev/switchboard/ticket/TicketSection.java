package dev.switchboard.ticket;

import dev.switchboard.identity.Actor;
import java.util.Collection;
import java.util.Map;

/**
 * A module that knows more about tickets (SLA clocks, later CSAT) adds it to the ticket's API
 * representation as a named top-level field, without the ticket module depending on it. Called once per
 * list page or ticket, for all its tickets at once.
 */
public interface TicketSection {

    /** The field name in the ticket's JSON, e.g. {@code sla}. */
    String name();

    /** The section's value for each of these tickets; tickets without one may be left out. */
    Map<Long, Object> forTickets(Collection<Long> ticketIds, Actor viewer);
}
