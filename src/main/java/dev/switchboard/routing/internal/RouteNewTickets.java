package dev.switchboard.routing.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.TicketEvents.TicketOpened;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Routes every new ticket, whichever channel it came through: the rules set its group and fields, then the
 * group's strategy gives it an agent when no rule did. Runs in the transaction that opens the ticket, as the
 * system actor {@code routing}, so a ticket is never seen unrouted. What a rule names but can no longer be
 * used (a deleted group, a deactivated or unavailable agent) is skipped and logged, never an intake failure.
 */
@Component
class RouteNewTickets {

    static final Actor ROUTING = Actor.system("routing");
    private static final Logger log = LoggerFactory.getLogger(RouteNewTickets.class);

    private final Tickets tickets;
    private final RoutingRules rules;
    private final Router router;
    private final Assigner assigner;
    private final UserDirectory directory;

    RouteNewTickets(Tickets tickets, RoutingRules rules, Router router, Assigner assigner, UserDirectory directory) {
        this.tickets = tickets;
        this.rules = rules;
        this.router = router;
        this.assigner = assigner;
        this.directory = directory;
    }

    @EventListener
    void ticketOpened(TicketOpened opened) {
        TicketView ticket = tickets.get(opened.ticketId(), ROUTING);
        String body = ticket.description() == null ? "" : ticket.description(); // the first message's text
        RoutedTicket before = new RoutedTicket(ticket.subject(), body, ticket.requester().email(), ticket.channel(),
                ticket.priority(), ticket.category(), ticket.organizationId(), new TreeSet<>(ticket.tags()),
                ticket.groupId(), ticket.assigneeId());
        RoutedTicket after = usable(ticket.id(), router.route(before, rules.inForce()).result());
        if (after.assigneeId() == null && after.groupId() != null) {
            after = after.withAssignee(assigner.agentFor(after.groupId()).orElse(null));
        }
        if (!after.equals(before)) {
            tickets.change(ticket.id(), changeOf(ticket.version(), before, after), ROUTING);
        }
    }

    private RoutedTicket usable(long ticketId, RoutedTicket routed) {
        RoutedTicket result = routed;
        if (result.groupId() != null && !directory.groupExists(result.groupId())) {
            log.warn("Ticket #{}: routing named group {}, which no longer exists", ticketId, result.groupId());
            result = result.withGroup(null);
        }
        if (result.assigneeId() != null && !directory.findUser(result.assigneeId()).map(UserSummary::takesNewWork)
                .orElse(false)) {
            log.info("Ticket #{}: routing named agent {}, who is not available; the group's strategy decides",
                    ticketId, result.assigneeId());
            result = result.withAssignee(null);
        }
        return result;
    }

    private static TicketChange changeOf(int version, RoutedTicket before, RoutedTicket after) {
        return new TicketChange(version, false, null, null,
                Objects.equals(before.priority(), after.priority()) ? null : Priority.parse("priority", after.priority()),
                Objects.equals(before.assigneeId(), after.assigneeId()) ? null : Optional.ofNullable(after.assigneeId()),
                Objects.equals(before.groupId(), after.groupId()) ? null : Optional.ofNullable(after.groupId()),
                Objects.equals(before.category(), after.category()) ? null : Optional.ofNullable(after.category()),
                before.tags().equals(after.tags()) ? null : after.tags());
    }
}
