package dev.switchboard.channel.email.outbound;

import dev.switchboard.channel.email.EmailThreads;
import dev.switchboard.channel.email.SenderAddresses;
import dev.switchboard.notification.AutoReplies;
import dev.switchboard.notification.OutboundChannel;
import dev.switchboard.notification.OutboundMessage;
import dev.switchboard.notification.OutboxDelivery;
import dev.switchboard.ticket.Attachment;
import dev.switchboard.ticket.Tickets;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends outbox items of channel {@code email} over SMTP. Each mail is threaded into the ticket's
 * conversation (In-Reply-To, References, the {@code [#id]} token in the subject) and carries a Message-ID
 * made from the item's key, so a retry of the same item is recognisably the same mail; once sent, that
 * Message-ID joins the ticket's thread index so the customer's answer finds its ticket. A reply's files go
 * along as attachments (images its HTML shows by {@code cid:}, inline), read from the ticket when it is sent.
 */
@Component
class EmailChannel implements OutboundChannel {

    static final String CHANNEL = "email";
    /** Enough of a long thread for clients to place the mail: the first message and the most recent ones. */
    private static final int MAX_REFERENCES = 20;

    private final JavaMailSender mailSender;
    private final SenderAddresses senders;
    private final EmailThreads threads;
    private final Tickets tickets;
    private final Clock clock;

    EmailChannel(JavaMailSender mailSender, SenderAddresses senders, EmailThreads threads, Tickets tickets,
                 Clock clock) {
        this.mailSender = mailSender;
        this.senders = senders;
        this.threads = threads;
        this.tickets = tickets;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void deliver(OutboxDelivery delivery) throws Exception {
        OutboundMessage item = delivery.message();
        InternetAddress from = new InternetAddress(senders.fromAddressFor(item.ticketId()), true);
        InternetAddress to;
        try {
            to = new InternetAddress(item.recipient(), true);
        } catch (AddressException e) {
            throw new DeliveryRefused("'" + item.recipient() + "' is not an email address", e);
        }
        String messageId = "<" + delivery.key() + "@" + domainOf(from.getAddress()) + ">";
        MimeMessage mail = compose(delivery, from, to, messageId);
        try {
            mailSender.send(mail);
        } catch (MailException e) {
            throw SmtpFailures.classify(e);
        }
        if (item.ticketId() != null) {
            threads.remember(messageId, item.ticketId(), item.messageId(), true);
        }
    }

    private MimeMessage compose(OutboxDelivery delivery, InternetAddress from, InternetAddress to, String messageId)
            throws MessagingException {
        OutboundMessage item = delivery.message();
        MimeMessage mail = new StableIdMessage(session(), messageId);
        mail.setFrom(from);
        mail.setRecipient(Message.RecipientType.TO, to);
        mail.setSubject(withTicketToken(item.subject(), item.ticketId()), "UTF-8");
        mail.setSentDate(Date.from(clock.instant()));
        if (item.ticketId() != null) {
            thread(mail, item.ticketId(), EmailThreads.normalize(messageId));
        }
        if (!"reply".equals(item.kind())) {
            // RFC 3834: machines must not answer this; the Microsoft header keeps Exchange's out-of-office quiet.
            // A trigger's mail answers what someone did on the ticket: an auto-reply in RFC 3834's words.
            mail.setHeader("Auto-Submitted", AutoReplies.KIND.equals(item.kind()) ? "auto-replied" : "auto-generated");
            mail.setHeader("X-Auto-Response-Suppress", "All");
        }
        String text = item.text() == null ? "" : item.text();
        List<Attachment> files = files(item);
        if (files.isEmpty()) {
            if (item.html() == null || item.html().isBlank()) {
                mail.setText(text, "UTF-8");
            } else {
                mail.setContent(alternative(text, item.html()));
            }
            return mail;
        }
        // multipart/mixed: the body (with the images its HTML shows, as multipart/related), then the files
        boolean html = item.html() != null && !item.html().isBlank();
        List<Attachment> shown = html ? files.stream().filter(f -> f.inline() && f.contentId() != null).toList() : List.of();
        MimeBodyPart body = new MimeBodyPart();
        if (!html) {
            body.setText(text, "UTF-8");
        } else if (shown.isEmpty()) {
            body.setContent(alternative(text, item.html()));
        } else {
            MimeMultipart related = new MimeMultipart("related");
            MimeBodyPart alternativePart = new MimeBodyPart();
            alternativePart.setContent(alternative(text, item.html()));
            related.addBodyPart(alternativePart);
            for (Attachment image : shown) {
                MimeBodyPart part = filePart(image);
                part.setDisposition(Part.INLINE);
                part.setContentID("<" + EmailThreads.normalize(image.contentId()) + ">");
                related.addBodyPart(part);
            }
            body.setContent(related);
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        for (Attachment file : files) {
            if (!shown.contains(file)) {
                MimeBodyPart part = filePart(file);
                part.setDisposition(Part.ATTACHMENT);
                mixed.addBodyPart(part);
            }
        }
        mail.setContent(mixed);
        return mail;
    }

    /** Text and HTML side by side; plain first, since clients show the last part they can. */
    private static MimeMultipart alternative(String text, String html) throws MessagingException {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        return alternative;
    }

    /**
     * The item's files, read now from the ticket (so a retry sends them too). Only files of the ticket's
     * public messages come back; if any is missing — on an internal note, another ticket's, gone — the mail
     * is refused rather than sent without it, or with what must not leave.
     */
    private List<Attachment> files(OutboundMessage item) {
        if (item.attachmentIds().isEmpty()) {
            return List.of();
        }
        if (item.ticketId() == null) {
            throw new DeliveryRefused("files " + item.attachmentIds() + " belong to no ticket; not sent", null);
        }
        List<Attachment> files = tickets.filesToSend(item.ticketId(), item.attachmentIds());
        if (files.size() != item.attachmentIds().size()) {
            throw new DeliveryRefused("of files " + item.attachmentIds() + " only " + files.size()
                    + " are on public messages of ticket #" + item.ticketId() + "; the mail is not sent without the rest",
                    null);
        }
        return files;
    }

    private static MimeBodyPart filePart(Attachment file) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), contentType(file.contentType()))));
        part.setFileName(file.filename());
        return part;
    }

    /** The stored type if it is one, else a plain download: a file is never held back by its label. */
    private static String contentType(String stored) {
        try {
            return new ContentType(stored).getBaseType();
        } catch (ParseException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    /** In-Reply-To the newest mail of the ticket's thread; References the thread, oldest first. */
    private void thread(MimeMessage mail, long ticketId, String ownId) throws MessagingException {
        List<String> thread = new ArrayList<>(threads.thread(ticketId));
        thread.remove(ownId); // a retry after a send that was not marked: never refer to ourselves
        if (thread.isEmpty()) {
            return;
        }
        mail.setHeader("In-Reply-To", "<" + thread.get(thread.size() - 1) + ">");
        if (thread.size() > MAX_REFERENCES) {
            List<String> shortened = new ArrayList<>();
            shortened.add(thread.get(0));
            shortened.addAll(thread.subList(thread.size() - (MAX_REFERENCES - 1), thread.size()));
            thread = shortened;
        }
        String references = thread.stream().map(id -> "<" + id + ">").collect(Collectors.joining(" "));
        mail.setHeader("References", MimeUtility.fold("References: ".length(), references));
    }

    /** The subject with the ticket's token, which lets replies find the ticket even when headers are lost. */
    static String withTicketToken(String subject, Long ticketId) {
        String text = subject == null ? "" : subject.strip();
        if (ticketId == null) {
            return text;
        }
        String token = "[#" + ticketId + "]";
        if (text.contains(token)) {
            return text;
        }
        return text.isEmpty() ? token : text + " " + token;
    }

    private Session session() {
        return mailSender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new Properties());
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /**
     * Jakarta Mail gives a message a fresh random Message-ID each time it is saved; ours must stay the same
     * across retries, so receivers and our thread index see one mail however often it is sent.
     */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
