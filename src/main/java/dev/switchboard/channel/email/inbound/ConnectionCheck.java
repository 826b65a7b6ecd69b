package dev.switchboard.channel.email.inbound;

import dev.switchboard.channel.email.MailFailure;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * "Test connection": signs in to a mailbox's IMAP server and opens its folder the way a poll does (through
 * {@link ImapInbox}), reads nothing and flags nothing, and says in plain words what failed. Admins run it
 * before saving settings, so it takes the settings as typed, not as stored.
 */
@Component
class ConnectionCheck {

    /** What went wrong, as the page names it; {@code NONE} when the folder opened. */
    enum Problem {
        NONE, WRONG_PASSWORD, HOST_UNKNOWN, HOST_UNREACHABLE, TIMEOUT, TLS_FAILURE, CERTIFICATE, NO_STARTTLS,
        FOLDER_MISSING, PASSWORD_UNREADABLE, OTHER;

        public String code() { // public: the page template reads it
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the check went: the problem, the server's or the system's own words, and what the folder holds. */
    record Outcome(Problem problem, String detail, Integer messages, Integer unread) {

        public boolean ok() { // public: the page template asks
            return problem == Problem.NONE;
        }

        static Outcome failed(Problem problem, String detail) {
            return new Outcome(problem, detail, null, null);
        }
    }

    /** A test waits no longer than this, whatever the poll timeout: an admin is looking at the page. */
    static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private final Duration timeout;
    private final long maxMessageBytes;

    ConnectionCheck(@Value("${switchboard.mail.imap-timeout:30s}") Duration timeout,
                    @Value("${switchboard.mail.max-message-size:35MB}") DataSize maxMessageSize) {
        this.timeout = timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : timeout;
        this.maxMessageBytes = maxMessageSize.toBytes();
    }

    Outcome check(Mailbox mailbox, String password) {
        try (ImapInbox inbox = ImapInbox.open(mailbox, password, timeout, maxMessageBytes)) {
            return new Outcome(Problem.NONE, null, inbox.folder().getMessageCount(), inbox.folder().getUnreadMessageCount());
        } catch (MessagingException | RuntimeException e) {
            return classify(e, mailbox);
        }
    }

    /** The most telling cause wins: a refused sign-in or a missing folder over the socket error under it. */
    static Outcome classify(Exception failure, Mailbox mailbox) {
        List<Throwable> causes = MailFailure.of(failure).chain();
        String where = mailbox.imapHost() + ":" + mailbox.imapPort();
        for (Throwable cause : causes) {
            if (cause instanceof AuthenticationFailedException) {
                return Outcome.failed(Problem.WRONG_PASSWORD, "The server refused user '" + mailbox.username()
                        + "' with this password" + said(cause));
            }
            if (cause instanceof FolderNotFoundException) {
                return Outcome.failed(Problem.FOLDER_MISSING, cause.getMessage());
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof UnknownHostException) {
                return Outcome.failed(Problem.HOST_UNKNOWN, "No host named '" + mailbox.imapHost() + "' could be found.");
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return Outcome.failed(Problem.HOST_UNREACHABLE, "Nothing answered at " + where + said(cause));
            }
            if (cause instanceof SocketTimeoutException) {
                return Outcome.failed(Problem.TIMEOUT, "No answer from " + where + " within "
                        + MAX_WAIT.toSeconds() + " seconds" + said(cause));
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException
                    || cause instanceof CertificateException) {
                return Outcome.failed(Problem.CERTIFICATE, "The server's certificate is not trusted or is not for "
                        + mailbox.imapHost() + said(cause));
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof SSLException) {
                return Outcome.failed(Problem.TLS_FAILURE, "The TLS handshake with " + where + " failed" + said(cause));
            }
            if (cause instanceof MessagingException && cause.getMessage() != null
                    && cause.getMessage().toUpperCase(Locale.ROOT).contains("STARTTLS")) {
                return Outcome.failed(Problem.NO_STARTTLS, cause.getMessage());
            }
        }
        if (failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().contains("SWITCHBOARD_SECRET_KEY")) {
            return Outcome.failed(Problem.PASSWORD_UNREADABLE, failure.getMessage());
        }
        return Outcome.failed(Problem.OTHER, EmailIngest.reason(failure));
    }

    private static String said(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "." : " (" + message.strip() + ").";
    }
}
