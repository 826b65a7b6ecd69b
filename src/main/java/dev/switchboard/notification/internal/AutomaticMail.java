package dev.switchboard.notification.internal;

import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.notification.AutoReplies;
import dev.switchboard.notification.OutboundMessage;
import dev.switchboard.notification.Outbox;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Queues automatic mail that other modules write (triggers), once the loop rules let it go. */
@Component
class AutomaticMail implements AutoReplies {

    private static final Logger log = LoggerFactory.getLogger(AutomaticMail.class);

    private final LoopRules rules;
    private final Outbox outbox;
    private final UserDirectory directory;
    private final Clock clock;

    AutomaticMail(LoopRules rules, Outbox outbox, UserDirectory directory, Clock clock) {
        this.rules = rules;
        this.outbox = outbox;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public Outcome send(AutoReply mail) {
        if (mail.kind() == null || mail.kind().isBlank()) {
            throw new IllegalArgumentException("An automatic mail needs a kind: " + mail);
        }
        UserSummary user = mail.recipientUserId() == null ? null : directory.findUser(mail.recipientUserId()).orElse(null);
        Optional<String> held = rules.holdBack(mail.recipient(), user, mail.kind(), mail.answersMachine(), clock.instant());
        if (held.isPresent()) {
            log.info("Automatic mail ({}) about ticket #{} not sent: {}", mail.kind(), mail.ticketId(), held.get());
            return Outcome.held(held.get());
        }
        return Outcome.queued(outbox.enqueue(new OutboundMessage(Notifier.CHANNEL, mail.recipient().strip(),
                mail.subject(), mail.text(), null, mail.ticketId(), null, mail.kind())));
    }
}
