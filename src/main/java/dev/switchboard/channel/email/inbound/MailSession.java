package dev.switchboard.channel.email.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * The Jakarta Mail session messages are parsed in, set to be lenient the way real mail needs: addresses
 * that are not quite RFC 5322, and multiparts that lost their closing boundary.
 */
@Component
class MailSession {

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
