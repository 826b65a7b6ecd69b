package dev.switchboard.channel.email.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery-failure report (RFC 3464 multipart/report, or a mailer-daemon's message carrying the original
 * or its headers): which of our messages it is about, and what failed for whom. It is never a request from
 * a person, so it becomes an internal note on the ticket of the message that bounced, not a ticket.
 *
 * @param originalIds Message-IDs that identify the bounced message: its own, then its thread's
 * @param failures    one line per recipient, e.g. {@code bob@example.com: failed (5.1.1; smtp; 550 user unknown)}
 */
record BounceReport(List<String> originalIds, List<String> failures, String reporter, String subject) {

    private static final Set<String> MACHINE_SENDERS = Set.of("mailer-daemon", "postmaster");
    private static final Pattern MESSAGE_ID_LINE = Pattern.compile("(?im)^\\s*Message-ID:\\s*(<[^<>\\s]+>)");

    /** The report, when the message is one. */
    static Optional<BounceReport> of(InboundMail mail) {
        InboundMail.Person sender = mail.sender();
        boolean fromDaemon = sender != null && MACHINE_SENDERS.contains(InboundMail.localPart(sender.email()));
        boolean report = mail.mimeType().equals("multipart/report") && "delivery-status".equalsIgnoreCase(reportType(mail));
        if (!report && !fromDaemon) {
            return Optional.empty();
        }
        Collected found = new Collected();
        found.walk(mail.mime(), 0);
        if (!report && !found.carriesOriginal) {
            if (found.bodyIds.isEmpty()) {
                return Optional.empty(); // a daemon's message that names no message of ours is no bounce we can place
            }
            found.ids.addAll(found.bodyIds);
        }
        found.ids.addAll(mail.answeredIds());
        return Optional.of(new BounceReport(List.copyOf(found.ids), List.copyOf(found.failures),
                sender == null ? "the mail system" : sender.email(), mail.subject()));
    }

    /** The internal note's text: what failed for whom, and who said so. */
    String note() {
        StringBuilder text = new StringBuilder("Mail delivery failed");
        if (failures.isEmpty()) {
            text.append(". ");
        } else {
            text.append(failures.size() == 1 ? " for " + failures.get(0) + ". " : ":\n- " + String.join("\n- ", failures) + "\n");
        }
        text.append("Reported by ").append(reporter);
        if (subject != null && !subject.isBlank()) {
            text.append(" (\"").append(subject).append("\")");
        }
        return text.append('.').toString();
    }

    private static String reportType(InboundMail mail) {
        try {
            return new ContentType(mail.mime().getContentType()).getParameter("report-type");
        } catch (Exception e) {
            return null;
        }
    }

    private static final class Collected {
        final Set<String> ids = new LinkedHashSet<>();
        final Set<String> bodyIds = new LinkedHashSet<>();
        final List<String> failures = new ArrayList<>();
        boolean carriesOriginal;

        void walk(Part part, int depth) {
            if (depth > EmailBody.MAX_DEPTH) {
                return;
            }
            String type = EmailBody.mimeType(part);
            try {
                if (type.startsWith("multipart/")) {
                    MimeMultipart multipart = new MimeMultipart(new MimePartDataSource((MimePart) part));
                    for (int i = 0; i < multipart.getCount(); i++) {
                        walk(multipart.getBodyPart(i), depth + 1);
                    }
                } else if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
                    deliveryStatus(EmailBody.content(part));
                } else if (type.equals("message/rfc822") || type.equals("text/rfc822-headers")
                        || type.equals("message/global") || type.equals("message/global-headers")) {
                    carriesOriginal = true;
                    InternetHeaders original = new InternetHeaders(new ByteArrayInputStream(EmailBody.content(part)));
                    String own = InboundMail.messageIdOf(original.getHeader("Message-ID", null));
                    if (own != null) {
                        ids.add(own);
                    }
                    List<String> thread = new ArrayList<>();
                    thread.addAll(idsOf(original, "In-Reply-To"));
                    thread.addAll(idsOf(original, "References"));
                    ids.addAll(thread);
                } else if (type.equals("text/plain")) {
                    Matcher id = MESSAGE_ID_LINE.matcher(EmailBody.text(part));
                    while (id.find()) {
                        String value = InboundMail.messageIdOf(id.group(1));
                        if (value != null) {
                            bodyIds.add(value);
                        }
                    }
                }
            } catch (MessagingException | RuntimeException unreadable) {
                // a report part we cannot read costs us its details, not the report
            }
        }

        private void deliveryStatus(byte[] content) throws MessagingException {
            InputStream in = new ByteArrayInputStream(content);
            new InternetHeaders(in); // the per-message fields: who reported, not who failed
            for (int blocks = 0; blocks < 100; blocks++) {
                InternetHeaders recipient = new InternetHeaders(in);
                String who = addressOf(recipient.getHeader("Final-Recipient", null));
                if (who == null) {
                    who = addressOf(recipient.getHeader("Original-Recipient", null));
                }
                if (who == null) {
                    if (!recipient.getAllHeaderLines().hasMoreElements()) {
                        break;
                    }
                    continue;
                }
                String action = value(recipient, "Action");
                if ("delivered".equals(action) || "relayed".equals(action) || "expanded".equals(action)) {
                    continue;
                }
                List<String> details = new ArrayList<>();
                for (String field : List.of("Status", "Diagnostic-Code")) {
                    String v = recipient.getHeader(field, null);
                    if (v != null && !v.isBlank()) {
                        details.add(v.replaceAll("\\s+", " ").strip());
                    }
                }
                failures.add(who + ": " + (action == null ? "failed" : action)
                        + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")"));
            }
        }
    }

    private static List<String> idsOf(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        return values == null ? List.of() : InboundMail.idsIn(List.of(values));
    }

    private static String value(InternetHeaders headers, String name) {
        String v = headers.getHeader(name, null);
        return v == null ? null : v.strip().toLowerCase(Locale.ROOT);
    }

    /** "rfc822; bob@example.com" → bob@example.com */
    private static String addressOf(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String address = (semicolon >= 0 ? field.substring(semicolon + 1) : field).strip();
        return address.isEmpty() ? null : address;
    }
}
