package dev.switchboard.channel.email.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * The Jakarta Mail session messages are parsed in, set to be lenient the way real mail needs: addresses
 * that are not quite RFC 5322, and multiparts that lost their closing boundary.
 */
@Component
class MailSession {

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader on every header block it parses,
        // which was a quarter of the ingest's CPU; naming the provider skips the classpath scan. An
        // operator's own choice (-Djakarta.mail.util.StreamProvider=...) is kept.
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        }
    }

    private final Session session;

    MailSession() {
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.decodeparameters", "true");
        this.session = Session.getInstance(props);
    }

    Session session() {
        return session;
    }

    /** Parses a raw RFC 5322 message. The content stays as bytes until a part is read. */
    MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(session, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new UnprocessableEmail("not a readable RFC 5322 message: " + e.getMessage(), e);
        }
    }
}
