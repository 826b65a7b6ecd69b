/**
 * Routing: ordered rules that put each new ticket with the right group (and fields), the groups'
 * assignment strategies (manual, round-robin, least-loaded) that then give it one accountable agent, and
 * the agents' availability and capacity those strategies respect. It reacts to
 * {@code TicketEvents.TicketOpened} and changes tickets only through {@code Tickets}. Its condition
 * vocabulary is offered to other modules' rules through {@link dev.switchboard.routing.TicketConditions}.
 */
package dev.switchboard.routing;
