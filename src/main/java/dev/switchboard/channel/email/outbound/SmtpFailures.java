package dev.switchboard.channel.email.outbound;

import dev.switchboard.notification.OutboundChannel.DeliveryRefused;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Tells a refusal from a hiccup. A 5xx reply (no such mailbox, message rejected) or an address that is not
 * one will fail the same way on every retry, so the item is refused and goes dead at once; a 4xx reply
 * (greylisting, mailbox full), a refused connection or a timeout may pass later, so it is retried. Failed
 * sign-in to our own relay is retried too: it is a setting an admin fixes, after which the mail should go.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    /** The exception the outbox should see: a {@link DeliveryRefused} when no retry can help, else the failure itself. */
    static Exception classify(Exception failure) {
        for (Throwable cause : causes(failure)) {
            Integer code = replyCode(cause);
            if (code != null && code >= 500 && code < 600) {
                return new DeliveryRefused("refused by the mail server: " + cause.getMessage().strip(), failure);
            }
            if (cause instanceof AddressException || cause instanceof MailParseException
                    || cause instanceof MailPreparationException) {
                return new DeliveryRefused("cannot be sent: " + cause.getMessage(), failure);
            }
        }
        return failure;
    }

    private static Integer replyCode(Throwable cause) {
        if (cause instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (cause instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        if (cause instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        return null;
    }

    /** The failure and everything it wraps: causes, Spring's per-message exceptions, Jakarta Mail's chained ones. */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || seen.put(t, true) != null) {
                continue;
            }
            all.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
            if (t instanceof MailSendException send) {
                todo.addAll(List.of(send.getMessageExceptions()));
            }
        }
        return all;
    }
}
