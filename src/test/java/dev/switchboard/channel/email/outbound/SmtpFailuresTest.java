package dev.switchboard.channel.email.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.notification.OutboundChannel.ChannelUnavailable;
import dev.switchboard.notification.OutboundChannel.DeliveryRefused;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
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
    void temporaryRepliesAndTimeoutsAreRetried() throws Exception {
        InternetAddress to = new InternetAddress("busy@example.com");
        Exception greylisted = rejected(new SMTPAddressFailedException(to, "RCPT TO:<busy@example.com>", 451,
                "451 4.7.1 greylisted, try again later"), to);
        Exception slow = new MailSendException("Failed messages",
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out")));

        assertThat(SmtpFailures.classify(greylisted)).isSameAs(greylisted);
        assertThat(SmtpFailures.classify(slow)).isSameAs(slow);
    }

    @Test
    void aRelayThatCannotBeReachedOrRefusesOurSignInMakesTheChannelUnavailable() {
        Exception noServer = new MailSendException("Mail server connection failed",
                new MailConnectException(new SocketConnectException("Connection refused",
                        new ConnectException("Connection refused"), "localhost", 25, 10000)));
        Exception wrongPassword = new MailAuthenticationException("Authentication failed",
                new AuthenticationFailedException("535 5.7.8 authentication failed"));
        Exception noSuchHost = new MailSendException("Mail server connection failed",
                new MessagingException("Unknown SMTP host: relay.invalid", new UnknownHostException("relay.invalid")));

        assertThat(SmtpFailures.classify(noServer)).isInstanceOf(ChannelUnavailable.class)
                .hasMessageContaining("cannot be reached").hasMessageContaining("localhost");
        assertThat(SmtpFailures.classify(wrongPassword)).isInstanceOf(ChannelUnavailable.class)
                .hasMessageContaining("refused our sign-in").hasMessageContaining("535");
        assertThat(SmtpFailures.classify(noSuchHost)).isInstanceOf(ChannelUnavailable.class)
                .hasMessageContaining("relay.invalid");
    }

    @Test
    void aRealRefusedConnectionIsAnOutageNotTheMailsFault() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(closed);
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom("support@example.com");
        mail.setTo("someone@example.com");
        mail.setText("hello");

        assertThatThrownBy(() -> sender.send(mail)).isInstanceOf(MailException.class)
                .satisfies(failure -> assertThat(SmtpFailures.classify((Exception) failure))
                        .isInstanceOf(ChannelUnavailable.class).hasMessageContaining(String.valueOf(closed)));
    }

    /** How Spring reports a recipient the server turned down: per message, chained under "Invalid Addresses". */
    private static Exception rejected(SMTPAddressFailedException reply, InternetAddress to) {
        SendFailedException invalid = new SendFailedException("Invalid Addresses", reply, new Address[0],
                new Address[0], new Address[] {to});
        return new MailSendException(Map.of(new Object(), invalid));
    }
}
