package dev.switchboard.channel.email.inbound;

import dev.switchboard.channel.email.EmailThreads;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Which ticket does this message answer? First by In-Reply-To and References against every Message-ID we
 * sent or received; then by the ticket token in the subject ({@code [#1042]}). Never by subject text alone:
 * two customers writing "Invoice" are two tickets.
 *
 * <p>A token is easy to guess where a Message-ID is not, and threading someone onto a ticket lets them read
 * it; so a token counts only for a sender already on that ticket (its requester, a participant, or staff).
 * Anyone else writing "[#1042]" opens a ticket of their own.
 */
@Component
class ThreadMatcher {

    static final Pattern TOKEN = Pattern.compile("\\[#(\\d{1,18})]");
    private static final Actor LOOKUP = Actor.system("email");

    private final EmailThreads threads;
    private final Tickets tickets;
    private final UserDirectory directory;

    ThreadMatcher(EmailThreads threads, Tickets tickets, UserDirectory directory) {
        this.threads = threads;
        this.tickets = tickets;
        this.directory = directory;
    }

    Optional<Long> ticketFor(InboundMail mail, String senderEmail) {
        Optional<Long> byHeaders = threads.ticketFor(mail.answeredIds());
        if (byHeaders.isPresent()) {
            return byHeaders;
        }
        String subject = mail.subject();
        if (subject == null) {
            return Optional.empty();
        }
        List<Long> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(subject);
        while (token.find()) {
            tokens.add(Long.parseLong(token.group(1)));
        }
        for (Long id : tokens) {
            Optional<TicketView> ticket = find(id);
            if (ticket.isPresent() && isOnTicket(ticket.get(), senderEmail)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private Optional<TicketView> find(long id) {
        try {
            return Optional.of(tickets.get(id, LOOKUP));
        } catch (ErrorResponseException notFound) {
            return Optional.empty();
        }
    }

    private boolean isOnTicket(TicketView ticket, String email) {
        if (ticket.requester().email().equalsIgnoreCase(email)) {
            return true;
        }
        if (directory.findUsers(ticket.participantIds()).values().stream()
                .anyMatch(p -> p.email().equalsIgnoreCase(email))) {
            return true;
        }
        return directory.staff().stream().map(UserSummary::email).anyMatch(email::equalsIgnoreCase);
    }
}
