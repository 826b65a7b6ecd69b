package dev.switchboard.notification.internal;

import dev.switchboard.identity.UserDirectory;
import dev.switchboard.ticket.TicketEvents.FieldChanged;
import dev.switchboard.ticket.TicketEvents.TicketChanged;
import dev.switchboard.ticket.Tickets;
import java.util.Objects;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pings an agent when a ticket is assigned to them, unless they took it themselves or turned email
 * notifications off in their profile.
 */
@Component
class AssignmentRule {

    private final Tickets tickets;
    private final UserDirectory directory;
    private final Notifier notifier;

    AssignmentRule(Tickets tickets, UserDirectory directory, Notifier notifier) {
        this.tickets = tickets;
        this.directory = directory;
        this.notifier = notifier;
    }

    @EventListener
    void ticketChanged(TicketChanged changed) {
        for (FieldChanged change : changed.changes()) {
            if (!change.field().equals("assignee_id") || change.newValue() == null) {
                continue;
            }
            long assignee = Long.parseLong(change.newValue());
            if (Objects.equals(changed.actor().userId(), assignee)) {
                continue;
            }
            directory.findUser(assignee).filter(agent -> agent.emailNotifications()).ifPresent(agent ->
                    notifier.send(TemplateKey.TICKET_ASSIGNED, agent, tickets.get(changed.ticketId(), Notifier.READER),
                            changed.actor().name(), null));
        }
    }
}
