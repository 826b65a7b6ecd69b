package dev.switchboard.channel.email.outbound;

import dev.switchboard.channel.email.MailFailure;
import dev.switchboard.notification.OutboundChannel.DeliveryRefused;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;

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
        for (Throwable cause : MailFailure.of(failure).chain()) {
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
}
