package dev.switchboard.channel.email.inbound;

import dev.switchboard.channel.email.EmailThreads;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A received message as the pipeline's matchers ask about it: its headers decoded, its addresses parsed
 * leniently, its Message-IDs normalized. {@code mailbox} is the mailbox it came in on, when known.
 */
record InboundMail(MimeMessage mime, Mailbox mailbox, String source) {

    Long mailboxId() {
        return mailbox == null ? null : mailbox.id();
    }

    /** Someone the message names: an address and, when given, a display name. */
    record Person(String email, String name) {
    }

    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    static final int MAX_MESSAGE_ID = 998;

    /** The first value of a header, unfolded and decoded (RFC 2047, raw 8-bit), or null. */
    String header(String name) {
        return HeaderText.of(rawHeader(name), headerCharset()).value();
    }

    /** Every value of a header, raw. */
    List<String> rawHeaders(String name) {
        try {
            String[] values = mime.getHeader(name);
            return values == null ? List.of() : List.of(values);
        } catch (MessagingException e) {
            return List.of();
        }
    }

    String rawHeader(String name) {
        List<String> values = rawHeaders(name);
        return values.isEmpty() ? null : values.get(0);
    }

    boolean hasHeader(String name) {
        return !rawHeaders(name).isEmpty();
    }

    String subject() {
        return header("Subject");
    }

    /** Its own Message-ID, normalized (no angle brackets), or null when it has none we can use. */
    String messageId() {
        return messageIdOf(rawHeader("Message-ID"));
    }

    static String messageIdOf(String header) {
        if (header == null) {
            return null;
        }
        Matcher id = ANGLE_ID.matcher(header);
        String value = id.find() ? id.group(1) : EmailThreads.normalize(MimeUtility.unfold(header));
        return value.isEmpty() || value.length() > MAX_MESSAGE_ID || value.contains(" ") ? null : value;
    }

    /** The Message-IDs this message answers: In-Reply-To, then References, most recent last. */
    List<String> answeredIds() {
        Set<String> ids = new LinkedHashSet<>();
        ids.addAll(idsIn(rawHeaders("References")));
        ids.addAll(idsIn(rawHeaders("In-Reply-To")));
        return List.copyOf(ids);
    }

    static List<String> idsIn(List<String> headers) {
        List<String> ids = new ArrayList<>();
        for (String header : headers) {
            Matcher id = ANGLE_ID.matcher(header);
            boolean any = false;
            while (id.find()) {
                any = true;
                if (id.group(1).length() <= MAX_MESSAGE_ID) {
                    ids.add(id.group(1));
                }
            }
            if (!any && !header.isBlank()) {
                for (String bare : header.trim().split("\\s+")) {
                    if (bare.contains("@") && bare.length() <= MAX_MESSAGE_ID) {
                        ids.add(bare);
                    }
                }
            }
        }
        return ids;
    }

    /** Who wrote it: From, else Sender, else Reply-To, else the envelope's Return-Path. */
    Person sender() {
        for (String header : List.of("From", "Sender", "Reply-To", "Return-Path")) {
            List<Person> people = people(header);
            if (!people.isEmpty()) {
                return people.get(0);
            }
        }
        return null;
    }

    /** The people on the Cc line. */
    List<Person> copied() {
        return people("Cc");
    }

    /** Every address the message was delivered to, from its headers: how webhook mail finds its mailbox. */
    List<String> recipients() {
        List<String> addresses = new ArrayList<>();
        for (String header : List.of("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To", "Cc")) {
            people(header).forEach(p -> addresses.add(p.email()));
        }
        return addresses;
    }

    /** The addresses in a header, parsed leniently; anything without an {@code @} is skipped. */
    List<Person> people(String header) {
        List<Person> people = new ArrayList<>();
        for (String value : rawHeaders(header)) {
            String text = HeaderText.eightBit(MimeUtility.unfold(value), headerCharset());
            InternetAddress[] addresses;
            try {
                addresses = InternetAddress.parseHeader(text, false);
            } catch (AddressException e) {
                continue;
            }
            for (InternetAddress address : addresses) {
                String email = address.getAddress();
                if (email != null && email.indexOf('@') > 0 && !email.contains(" ")) {
                    String name = address.getPersonal();
                    people.add(new Person(email.strip(), name == null || name.isBlank() ? null
                            : HeaderText.of(name, headerCharset()).value()));
                }
            }
        }
        return people;
    }

    /** The local part of an address, lower-cased: {@code mailer-daemon} for {@code MAILER-DAEMON@host}. */
    static String localPart(String email) {
        int at = email.lastIndexOf('@');
        return (at < 0 ? email : email.substring(0, at)).toLowerCase(Locale.ROOT);
    }

    /** The base MIME type of the whole message, lower-case; text/plain when it says nothing readable. */
    String mimeType() {
        return EmailBody.mimeType(mime);
    }

    /** The charset the message declares at the top, the likeliest one for raw 8-bit headers. */
    Charset headerCharset() {
        try {
            String type = mime.getContentType();
            return type == null ? null : EmailBody.charset(new ContentType(type).getParameter("charset"));
        } catch (Exception e) {
            return null;
        }
    }
}
