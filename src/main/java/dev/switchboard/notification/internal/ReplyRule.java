package dev.switchboard.notification.internal;

import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.TicketEvents.MessagePosted;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Mails every public reply of the team to the requester and the people copied on the ticket, so the
 * conversation goes on in their inbox. Internal notes never leave the team: they are refused here by the
 * event's flag and again by the stored message's.
 */
@Component
class ReplyRule {

    private final Tickets tickets;
    private final UserDirectory directory;
    private final Notifier notifier;

    ReplyRule(Tickets tickets, UserDirectory directory, Notifier notifier) {
        this.tickets = tickets;
        this.directory = directory;
        this.notifier = notifier;
    }

    @EventListener
    void messagePosted(MessagePosted posted) {
        if (posted.internal() || posted.byRequester() || !posted.author().isStaff()) {
            return;
        }
        MessageView reply = tickets.message(posted.messageId(), Notifier.READER);
        if (reply.internal()) {
            return;
        }
        TicketView ticket = tickets.get(posted.ticketId(), Notifier.READER);
        Set<Long> recipients = new LinkedHashSet<>();
        recipients.add(ticket.requester().id());
        recipients.addAll(ticket.participantIds());
        recipients.remove(posted.author().userId());
        Map<Long, UserSummary> people = directory.findUsers(recipients);
        for (Long id : recipients) {
            UserSummary person = people.get(id);
            // a colleague copied on the ticket who turned notifications off gets none; customers always do
            if (person == null || (person.role().isStaff() && !person.emailNotifications())) {
                continue;
            }
            notifier.send(TemplateKey.AGENT_REPLY, person, ticket, posted.author().name(), reply);
        }
    }
}
