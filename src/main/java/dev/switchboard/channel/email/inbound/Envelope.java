package dev.switchboard.channel.email.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What is stored about a raw message before anything else is known: its digest, its deduplication key, and
 * from its headers (read leniently; a message with unreadable headers still gets an envelope) the
 * Message-ID, sender and subject that admins see in the quarantine list.
 *
 * @param dedupKey {@code mid:<Message-ID>}, or {@code sha256:<content hash>} for a message without one
 */
record Envelope(String dedupKey, Long mailboxId, String source, String messageIdHeader, String contentHash,
                String sender, String subject, byte[] raw) {

    static final int MAX_KEY_ID = 1000;

    static Envelope of(byte[] raw, Long mailboxId, String source) {
        String hash = sha256(raw);
        String messageId = null;
        String sender = null;
        String subject = null;
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
            messageId = InboundMail.messageIdOf(headers.getHeader("Message-ID", null));
            String from = headers.getHeader("From", null);
            if (from != null) {
                try {
                    InternetAddress[] addresses = InternetAddress.parseHeader(MimeUtility.unfold(from), false);
                    sender = addresses.length == 0 ? null : truncate(EmailBody.clean(addresses[0].getAddress()), 320);
                } catch (AddressException unreadable) {
                    sender = truncate(HeaderText.of(from, null).value(), 320);
                }
            }
            subject = truncate(HeaderText.of(headers.getHeader("Subject", null), null).value(), 500);
        } catch (MessagingException | RuntimeException unreadable) {
            // the headers stay unknown; the content hash still identifies the message
        }
        String key = messageId == null ? "sha256:" + hash
                : messageId.length() <= MAX_KEY_ID ? "mid:" + messageId
                : "mid-sha256:" + sha256(messageId.getBytes(StandardCharsets.UTF_8));
        return new Envelope(key, mailboxId, source, messageId, hash, sender, subject, raw);
    }

    Envelope inMailbox(Long id) {
        return new Envelope(dedupKey, id, source, messageIdHeader, contentHash, sender, subject, raw);
    }

    /** The key under which a copy with other content than the stored one is kept. */
    String duplicateKey() {
        return dedupKey.length() > MAX_KEY_ID ? "dup-sha256:" + contentHash : dedupKey + "#" + contentHash;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null ? null : text.length() > max ? text.substring(0, max) : text;
    }
}
