package dev.switchboard.channel.email.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.notification.OutboundChannel.DeliveryRefused;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/** Which SMTP failures end an item at once and which are retried, built as Spring and Angus Mail report them. */
class SmtpFailuresTest {

    @Test
    void permanentRepliesAreRefusals() throws Exception {
        InternetAddress to = new InternetAddress("gone@example.com");
        Exception unknownUser = rejected(new SMTPAddressFailedException(to, "RCPT TO:<gone@example.com>", 550,
                "550 5.1.1 <gone@example.com>: user unknown"), to);
        Exception spam = new MailSendException(Map.of(new Object(), new SMTPSendFailedException("DATA", 554,
                "554 5.7.1 message rejected as spam", null, null, null, null)));

        assertThat(SmtpFailures.classify(unknownUser)).isInstanceOf(DeliveryRefused.class)
                .hasMessageContaining("550 5.1.1");
        assertThat(SmtpFailures.classify(spam)).isInstanceOf(DeliveryRefused.class).hasMessageContaining("554");
    }

    @Test
    void temporaryRepliesAndConnectionTroubleAreRetried() throws Exception {
        InternetAddress to = new InternetAddress("busy@example.com");
        Exception greylisted = rejected(new SMTPAddressFailedException(to, "RCPT TO:<busy@example.com>", 451,
                "451 4.7.1 greylisted, try again later"), to);
        Exception noServer = new MailSendException("Mail server connection failed",
                new MessagingException("Could not connect to SMTP host", new ConnectException("Connection refused")));
        Exception wrongPassword = new MailAuthenticationException("535 authentication failed");

        assertThat(SmtpFailures.classify(greylisted)).isSameAs(greylisted);
        assertThat(SmtpFailures.classify(noServer)).isSameAs(noServer);
        assertThat(SmtpFailures.classify(wrongPassword)).isSameAs(wrongPassword);
    }

    /** How Spring reports a recipient the server turned down: per message, chained under "Invalid Addresses". */
    private static Exception rejected(SMTPAddressFailedException reply, InternetAddress to) {
        SendFailedException invalid = new SendFailedException("Invalid Addresses", reply, new Address[0],
                new Address[0], new Address[] {to});
        return new MailSendException(Map.of(new Object(), invalid));
    }
}
