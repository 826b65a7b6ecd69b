package dev.switchboard.ticket.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.StaffAccessEnded;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.TicketFilter;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every ticket needs an owner who can act: when an agent is deactivated or demoted, their unfinished
 * tickets go back to unassigned (with the change in each ticket's history), in the same transaction.
 */
@Component
class Offboarding {

    private static final Actor JOB = Actor.system("offboarding");
    private static final EnumSet<TicketStatus> UNFINISHED = EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN,
            TicketStatus.IN_PROGRESS, TicketStatus.PENDING);

    private final TicketService tickets;

    Offboarding(TicketService tickets) {
        this.tickets = tickets;
    }

    @EventListener
    void on(StaffAccessEnded event) {
        TicketFilter theirs = new TicketFilter(UNFINISHED, event.userId(), false, null, null, null);
        Page<TicketView> page;
        do {
            // each pass unassigns what it read, so the next read starts again from the newest
            page = tickets.list(theirs, PageQuery.of(PageQuery.MAX_LIMIT, null), JOB);
            for (TicketView ticket : page.items()) {
                tickets.change(ticket.id(), new TicketChange(ticket.version(), false, null, null, null,
                        Optional.empty(), null, null, null), JOB);
            }
        } while (page.nextCursor() != null);
    }
}
