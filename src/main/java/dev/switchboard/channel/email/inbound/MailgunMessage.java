package dev.switchboard.channel.email.inbound;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds an RFC 5322 message from the fields of a Mailgun Routes forward without {@code body-mime}: the
 * original headers from {@code message-headers}, the text and HTML bodies, the attachments, inline images by
 * {@code content-id-map}. It is then ingested like any other message. The result is deterministic (fixed
 * boundaries, no invented Message-ID), so a retried forward of a message without a Message-ID still has the
 * same content hash.
 */
record MailgunMessage(byte[] raw) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The headers that describe the original body, which is rebuilt here. */
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-transfer-encoding",
            "mime-version", "content-disposition", "content-length");
    private static final Session SESSION;

    static {
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", "true"); // header values go out as the UTF-8 Mailgun decoded them to
        SESSION = Session.getInstance(props);
    }

    static MailgunMessage of(MailgunForm form) {
        try {
            MimeMessage message = new KeptIdMessage();
            String headersJson = form.text("message-headers");
            if (headersJson != null && !headersJson.isBlank()) {
                for (JsonNode pair : JSON.readTree(headersJson)) {
                    if (pair.isArray() && pair.size() == 2) {
                        String name = pair.get(0).asString();
                        if (name.matches("[!-9;-~]+") && !BODY_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                            message.addHeader(name, pair.get(1).asString().replaceAll("[\\r\\n]+", " "));
                        }
                    }
                }
            }
            fill(message, "From", form.text("from") != null ? form.text("from") : form.text("sender"));
            fill(message, "To", form.text("recipient"));
            fill(message, "Subject", form.text("subject"));
            fill(message, "Message-ID", form.text("Message-Id"));
            fill(message, "In-Reply-To", form.text("In-Reply-To"));
            fill(message, "References", form.text("References"));
            if (message.getHeader("From") == null) {
                throw new MailgunForm.MalformedForm("The form has neither body-mime nor from or sender.");
            }
            String seed = Envelope.sha256(String.valueOf(form.fields().keySet()).getBytes(StandardCharsets.UTF_8))
                    + Envelope.sha256(form.bytes("body-plain") == null ? new byte[0] : form.bytes("body-plain"));
            MimeMultipart mixed = new FixedBoundary("mixed", "mixed-" + seed.substring(0, 24));
            MimeMultipart alternative = new FixedBoundary("alternative", "alt-" + seed.substring(24, 48));
            String text = form.text("body-plain");
            String html = form.text("body-html");
            if (text != null || html == null) {
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text == null ? "" : text, "UTF-8", "plain");
                alternative.addBodyPart(plain);
            }
            if (html != null) {
                MimeBodyPart rich = new MimeBodyPart();
                rich.setText(html, "UTF-8", "html");
                alternative.addBodyPart(rich);
            }
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            Map<String, String> contentIds = contentIds(form.text("content-id-map"));
            for (MailgunForm.File file : form.files()) {
                MimeBodyPart attached = new MimeBodyPart();
                String type = file.contentType() == null ? "application/octet-stream" : file.contentType();
                try {
                    new ContentType(type);
                } catch (Exception unreadable) {
                    type = "application/octet-stream";
                }
                attached.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), type)));
                attached.setFileName(file.filename());
                String cid = contentIds.get(file.field());
                if (cid != null) {
                    attached.setContentID(cid.startsWith("<") ? cid : "<" + cid + ">");
                    attached.setDisposition(Part.INLINE);
                } else {
                    attached.setDisposition(Part.ATTACHMENT);
                }
                mixed.addBodyPart(attached);
            }
            message.setContent(mixed);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return new MailgunMessage(out.toByteArray());
        } catch (JacksonException e) {
            throw new MailgunForm.MalformedForm("message-headers or content-id-map is not valid JSON: " + e.getOriginalMessage());
        } catch (MessagingException | IOException e) {
            throw new MailgunForm.MalformedForm("The fields do not make a message: " + e.getMessage());
        }
    }

    private static void fill(MimeMessage message, String header, String value) throws MessagingException {
        if (value != null && !value.isBlank() && message.getHeader(header) == null) {
            message.setHeader(header, value.replaceAll("[\\r\\n]+", " ").strip());
        }
    }

    /** content-id-map: {"&lt;cid&gt;": "attachment-1"} → field name → Content-ID. */
    private static Map<String, String> contentIds(String json) {
        Map<String, String> ids = new HashMap<>();
        if (json != null && !json.isBlank()) {
            JsonNode map = JSON.readTree(json);
            for (Map.Entry<String, JsonNode> entry : map.properties()) {
                ids.put(entry.getValue().asString(), entry.getKey());
            }
        }
        return ids;
    }

    /** Keeps the original's Message-ID, or none: Jakarta Mail would otherwise invent a new one on every build. */
    private static final class KeptIdMessage extends MimeMessage {
        KeptIdMessage() {
            super(SESSION);
        }

        @Override
        protected void updateMessageID() {
            // the Message-ID is the original's, or absent (then the content hash identifies the message)
        }

        /**
         * Jakarta Mail stamps a Date on every build that lacks one, which would make a retry of the same form
         * a different message; the Date is the original's or none.
         */
        @Override
        protected void updateHeaders() throws MessagingException {
            boolean dated = getHeader("Date") != null;
            super.updateHeaders();
            if (!dated) {
                removeHeader("Date");
            }
        }
    }

    /** A multipart whose boundary is derived from the content, not random, for a repeatable build. */
    private static final class FixedBoundary extends MimeMultipart {
        FixedBoundary(String subtype, String boundary) {
            super(subtype);
            ContentType type = new ContentType("multipart", subtype, null);
            type.setParameter("boundary", "=_sb_" + boundary);
            contentType = type.toString();
        }
    }
}
