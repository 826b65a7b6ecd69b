package dev.switchboard.channel.email.inbound;

import dev.switchboard.channel.email.EmailThreads;
import dev.switchboard.channel.email.SenderAddresses;
import dev.switchboard.identity.Actor;
import dev.switchboard.intake.InboundMessage;
import dev.switchboard.intake.Intake;
import dev.switchboard.intake.Received;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.Tickets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps a stored message goes through, in the caller's transaction, each one question or one verb:
 * is it our own message coming back (ignore it)? is it a delivery failure report (note it on its ticket)?
 * who sent it, what does it say and carry, was a machine the author, which ticket does it answer? Then
 * intake makes it a ticket or a reply, its Message-ID joins the thread index, and a new ticket gets its
 * mailbox's group. Any step that throws sends the message to quarantine (see {@link EmailIngest}).
 */
@Component
class EmailPipeline {

    static final int MAX_SUBJECT = 500;
    static final int MAX_COPIED = 50;
    static final String NO_SUBJECT = "(no subject)";
    private static final Actor EMAIL = Actor.system("email");
    private static final Logger log = LoggerFactory.getLogger(EmailPipeline.class);

    private final EmailThreads threads;
    private final BounceNotes bounces;
    private final AutoReplyDetector autoReplies;
    private final ThreadMatcher threadMatcher;
    private final QuotedHistory quotedHistory;
    private final SenderAddresses ours;
    private final Intake intake;
    private final Tickets tickets;

    EmailPipeline(EmailThreads threads, BounceNotes bounces, AutoReplyDetector autoReplies, ThreadMatcher threadMatcher,
                  QuotedHistory quotedHistory, SenderAddresses ours, Intake intake, Tickets tickets) {
        this.threads = threads;
        this.bounces = bounces;
        this.autoReplies = autoReplies;
        this.threadMatcher = threadMatcher;
        this.quotedHistory = quotedHistory;
        this.ours = ours;
        this.intake = intake;
        this.tickets = tickets;
    }

    Outcome process(InboundMail mail) {
        String ownId = mail.messageId();
        if (ownId != null && threads.ticketFor(List.of(ownId)).isPresent()) {
            return Outcome.ignored("its Message-ID is one we sent or already took: our own message came back");
        }
        Optional<BounceReport> bounce = BounceReport.of(mail);
        if (bounce.isPresent()) {
            return bounces.file(bounce.get());
        }
        InboundMail.Person sender = mail.sender();
        if (sender == null) {
            throw new UnprocessableEmail("no sender address in From, Sender, Reply-To or Return-Path");
        }
        EmailBody body = EmailBody.read(mail.mime());
        Optional<String> automatic = autoReplies.reason(mail);
        Long ticketId = threadMatcher.ticketFor(mail, sender.email()).orElse(null);
        String text = body.text();
        if (ticketId != null && isBlank(text) && isBlank(body.html()) && body.attachments().isEmpty()) {
            text = "(empty message)";
        }
        InboundMessage message = new InboundMessage(Channel.EMAIL, sender.email(), sender.name(), subject(mail), text,
                quotedHistory.markedHtml(text, body.html()), null, null, Set.of(), ticketId, automatic.isPresent(),
                body.attachments(), copied(mail, sender));
        automatic.ifPresent(why -> log.debug("Inbound mail {} is machine-written: {}", ownId, why));
        Received received = intake.receive(message, EMAIL);
        if (ownId != null) {
            threads.remember(ownId, received.ticketId(), received.messageId() > 0 ? received.messageId() : null, false);
        }
        if (received.newTicket() && mail.mailbox() != null && mail.mailbox().groupId() != null) {
            toGroup(received.ticketId(), mail.mailbox().groupId());
        }
        return Outcome.processed(received.ticketId(), received.messageId());
    }

    /** Tickets from a mailbox start in its group, set by the system as a triage step would. */
    private void toGroup(long ticketId, long groupId) {
        int version = tickets.get(ticketId, EMAIL).version();
        tickets.change(ticketId, new TicketChange(version, false, null, null, null, null, Optional.of(groupId), null,
                null), EMAIL);
    }

    private static String subject(InboundMail mail) {
        String subject = mail.subject();
        if (subject == null || subject.isBlank()) {
            return NO_SUBJECT;
        }
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "…" : subject;
    }

    /** The Cc'd people who become participants: not us, not the sender, and not a whole mailing list. */
    private Set<String> copied(InboundMail mail, InboundMail.Person sender) {
        Set<String> copied = new LinkedHashSet<>();
        for (InboundMail.Person person : mail.copied()) {
            if (copied.size() < MAX_COPIED && !person.email().equalsIgnoreCase(sender.email())
                    && !ours.isOurs(person.email())) {
                copied.add(person.email());
            }
        }
        return copied;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
