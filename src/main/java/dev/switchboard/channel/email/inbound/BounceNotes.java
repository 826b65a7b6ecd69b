package dev.switchboard.channel.email.inbound;

import dev.switchboard.channel.email.EmailThreads;
import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.Tickets;
import org.springframework.stereotype.Component;

/**
 * Files a delivery-failure report as an internal note on the ticket whose mail bounced, so the agent sees
 * that the customer did not get it. A report about a message we do not know goes to quarantine instead:
 * it is never a new ticket.
 */
@Component
class BounceNotes {

    private static final Actor EMAIL = Actor.system("email");

    private final EmailThreads threads;
    private final Tickets tickets;

    BounceNotes(EmailThreads threads, Tickets tickets) {
        this.threads = threads;
        this.tickets = tickets;
    }

    Outcome file(BounceReport report) {
        long ticketId = threads.ticketFor(report.originalIds()).orElseThrow(() -> new UnprocessableEmail(
                "A delivery failure report about a message we do not know (Message-IDs: "
                        + (report.originalIds().isEmpty() ? "none found" : String.join(", ", report.originalIds()))
                        + "). " + report.note()));
        if (TicketStatus.CLOSED.code().equals(tickets.get(ticketId, EMAIL).status())) {
            throw new UnprocessableEmail("A delivery failure report about ticket #" + ticketId
                    + ", which is closed, so no note can be added. " + report.note());
        }
        MessageView note = tickets.post(ticketId, NewMessage.note(report.note()), EMAIL);
        return Outcome.processed(ticketId, note.id());
    }
}
