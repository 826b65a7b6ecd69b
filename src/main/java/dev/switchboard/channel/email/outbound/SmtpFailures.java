package dev.switchboard.channel.email.outbound;

import dev.switchboard.channel.email.MailFailure;
import dev.switchboard.notification.OutboundChannel.ChannelUnavailable;
import dev.switchboard.notification.OutboundChannel.DeliveryRefused;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.internet.AddressException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;

/**
 * Tells a refusal from a hiccup. A 5xx reply (no such mailbox, message rejected) or an address that is not
 * one will fail the same way on every retry, so the item is refused and goes dead at once; a 4xx reply
 * (greylisting, mailbox full) or a timeout in the middle of a mail may pass later, so it is retried. A relay
 * that cannot be reached (refused connection, unknown host, failed TLS handshake) or that refuses our sign-in
 * is no mail's fault: the channel is unavailable, and the outbox pauses it without spending attempts until
 * the relay is back or an admin fixes the setting.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    /**
     * The exception the outbox should see: a {@link DeliveryRefused} when no retry can help, a
     * {@link ChannelUnavailable} when the relay is down for every mail, else the failure itself.
     */
    static Exception classify(Exception failure) {
        List<Throwable> chain = MailFailure.of(failure).chain();
        for (Throwable cause : chain) {
            Integer code = replyCode(cause);
            if (code != null && code >= 500 && code < 600) {
                return new DeliveryRefused("refused by the mail server: " + cause.getMessage().strip(), failure);
            }
            if (cause instanceof AddressException || cause instanceof MailParseException
                    || cause instanceof MailPreparationException) {
                return new DeliveryRefused("cannot be sent: " + cause.getMessage(), failure);
            }
        }
        // the server's own words (535 …) are on Jakarta Mail's exception, under Spring's
        Throwable signIn = chain.stream().filter(AuthenticationFailedException.class::isInstance).findFirst()
                .or(() -> chain.stream().filter(MailAuthenticationException.class::isInstance).findFirst()).orElse(null);
        if (signIn != null) {
            return new ChannelUnavailable("the mail relay refused our sign-in (check SWITCHBOARD_SMTP_USERNAME and "
                    + "SWITCHBOARD_SMTP_PASSWORD): " + message(signIn), failure);
        }
        for (Throwable cause : chain) {
            if (cause instanceof MailConnectException || cause instanceof ConnectException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
                    || cause instanceof SSLException) {
                return new ChannelUnavailable("the mail relay cannot be reached: " + message(cause), failure);
            }
        }
        return failure;
    }

    private static String message(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
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
