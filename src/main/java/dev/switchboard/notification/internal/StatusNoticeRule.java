package dev.switchboard.notification.internal;

import dev.switchboard.identity.UserDirectory;
import dev.switchboard.ticket.TicketEvents.StatusChanged;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the requester when the ball is in their court (pending: we wait for their answer) and when their
 * request is resolved (they can still reply to reopen it).
 */
@Component
class StatusNoticeRule {

    private final Tickets tickets;
    private final UserDirectory directory;
    private final Notifier notifier;

    StatusNoticeRule(Tickets tickets, UserDirectory directory, Notifier notifier) {
        this.tickets = tickets;
        this.directory = directory;
        this.notifier = notifier;
    }

    @EventListener
    void statusChanged(StatusChanged changed) {
        TemplateKey key = switch (changed.to()) {
            case PENDING -> TemplateKey.TICKET_PENDING;
            case RESOLVED -> TemplateKey.TICKET_RESOLVED;
            default -> null;
        };
        if (key == null) {
            return;
        }
        TicketView ticket = tickets.get(changed.ticketId(), Notifier.READER);
        directory.findUser(ticket.requester().id()).ifPresent(requester ->
                notifier.send(key, requester, ticket, changed.actor().name(), null));
    }
}
