package dev.switchboard.intake.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Requester;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.intake.InboundMessage;
import dev.switchboard.intake.Intake;
import dev.switchboard.intake.Received;
import dev.switchboard.ticket.NewTicket;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.InvalidRequest;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class IntakeService implements Intake {

    /** The shape every channel's address must have before it becomes a user; full RFC 5322 is not needed here. */
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");

    private final UserDirectory directory;
    private final Tickets tickets;

    IntakeService(UserDirectory directory, Tickets tickets) {
        this.directory = directory;
        this.tickets = tickets;
    }

    @Override
    @Transactional
    public Received receive(InboundMessage message, Actor submittedBy) {
        if (message.requesterEmail() == null || !ADDRESS.matcher(message.requesterEmail().trim()).matches()) {
            throw InvalidRequest.field("requester.email", "is not an email address");
        }
        if (message.subject() == null || message.subject().isBlank()) {
            throw InvalidRequest.field("subject", "must not be empty");
        }
        Requester requester = directory.requesterFor(message.requesterEmail(), message.requesterName());
        long id = tickets.open(new NewTicket(message.subject(), message.text(), message.html(), requester,
                message.priority(), message.category(), message.tags(), message.channel()), submittedBy);
        return new Received(id, true);
    }
}
