package dev.switchboard.channel.email.inbound;

import dev.switchboard.ticket.Attachment;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a message says and carries: its text and HTML bodies (every inline text part, in order; the two
 * halves of a multipart/alternative each land in their own) and its files, inline images keeping their
 * Content-ID. Parts are read by their declared charset when Java knows it, else as UTF-8 when they are valid
 * UTF-8, else as windows-1252, so no text is refused for its encoding.
 */
record EmailBody(String text, String html, List<Attachment> attachments) {

    static final int MAX_DEPTH = 30;
    static final int MAX_FILENAME = 255;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern TYPE = Pattern.compile("^\\s*([a-zA-Z0-9!#$&^_.+-]+/[a-zA-Z0-9!#$&^_.+-]+)");
    private static final Pattern NAME_PARAM = Pattern.compile("(?i)\\b(?:file)?name\\*?=\\s*\"?([^\";]+)\"?");

    static EmailBody read(MimeMessage message) {
        Reader reader = new Reader();
        reader.walk(message, 0);
        return new EmailBody(reader.texts.isEmpty() ? null : String.join("\n\n", reader.texts),
                reader.htmls.isEmpty() ? null : String.join("\n", reader.htmls), List.copyOf(reader.files));
    }

    private static final class Reader {
        final List<String> texts = new ArrayList<>();
        final List<String> htmls = new ArrayList<>();
        final List<Attachment> files = new ArrayList<>();

        void walk(Part part, int depth) {
            if (depth > MAX_DEPTH) {
                throw new UnprocessableEmail("MIME parts nested deeper than " + MAX_DEPTH + " levels");
            }
            String type = mimeType(part);
            if (type.startsWith("multipart/")) {
                MimeMultipart multipart = multipart(part, type);
                try {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        walk(multipart.getBodyPart(i), depth + 1);
                    }
                } catch (MessagingException e) {
                    throw new UnprocessableEmail("cannot split the " + type + " part: " + e.getMessage(), e);
                }
                return;
            }
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
            String filename = filename(part);
            if (!attached && filename == null && type.equals("text/plain")) {
                texts.add(lines(clean(text(part))));
            } else if (!attached && filename == null && type.equals("text/html")) {
                htmls.add(lines(clean(text(part))));
            } else {
                files.add(file(part, type, filename, attached));
            }
        }

        private Attachment file(Part part, String type, String filename, boolean attached) {
            String contentId = null;
            if (part instanceof MimePart mime) {
                try {
                    String id = mime.getContentID();
                    contentId = id == null ? null : clean(id.strip().replaceAll("^<|>$", ""));
                } catch (MessagingException e) {
                    contentId = null;
                }
            }
            String name = filename != null ? filename : defaultName(part, type, files.size() + 1);
            return new Attachment(name, type, content(part), contentId == null || contentId.isEmpty() ? null : contentId,
                    !attached && contentId != null && !contentId.isEmpty());
        }
    }

    private static MimeMultipart multipart(Part part, String type) {
        try {
            return new MimeMultipart(new MimePartDataSource((MimePart) part));
        } catch (MessagingException | ClassCastException e) {
            throw new UnprocessableEmail("cannot split the " + type + " part: " + e.getMessage(), e);
        }
    }

    /** A part's base type, lower-case; text/plain when it declares none or something unreadable (RFC 2045). */
    static String mimeType(Part part) {
        String header;
        try {
            header = part.getContentType();
        } catch (MessagingException e) {
            return "text/plain";
        }
        if (header == null) {
            return "text/plain";
        }
        try {
            return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            Matcher type = TYPE.matcher(header);
            return type.find() ? type.group(1).toLowerCase(Locale.ROOT) : "text/plain";
        }
    }

    /** The Java charset for a MIME charset name, or null when Java does not know it. */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(name.strip().replace("\"", "")));
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    static String text(Part part) {
        byte[] bytes = content(part);
        Charset declared = null;
        try {
            String header = part.getContentType();
            if (header != null) {
                try {
                    declared = charset(new ContentType(header).getParameter("charset"));
                } catch (Exception e) {
                    Matcher charset = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)").matcher(header);
                    declared = charset.find() ? charset(charset.group(1)) : null;
                }
            }
        } catch (MessagingException e) {
            declared = null;
        }
        return decode(bytes, declared);
    }

    static String decode(byte[] bytes, Charset declared) {
        if (declared != null && !declared.equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, declared);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /**
     * A part's bytes with its transfer encoding undone. Broken base64 (a truncated line, stray characters)
     * is decoded leniently rather than losing the part.
     */
    static byte[] content(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException | MessagingException e) {
            if (part instanceof MimeBodyPart body) {
                try (InputStream raw = body.getRawInputStream()) {
                    byte[] bytes = raw.readAllBytes();
                    if ("base64".equalsIgnoreCase(String.valueOf(body.getEncoding()))) {
                        String text = new String(bytes, StandardCharsets.US_ASCII).replaceAll("[^A-Za-z0-9+/]", "");
                        return Base64.getDecoder().decode(text.substring(0, text.length() - text.length() % 4));
                    }
                    return bytes;
                } catch (IOException | MessagingException | IllegalArgumentException again) {
                    throw new UnprocessableEmail("cannot read a " + mimeType(part) + " part: " + e.getMessage(), e);
                }
            }
            throw new UnprocessableEmail("cannot read a " + mimeType(part) + " part: " + e.getMessage(), e);
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            try {
                String[] header = part.getHeader("Content-Disposition");
                return header != null && header[0].strip().toLowerCase(Locale.ROOT).startsWith("attachment")
                        ? Part.ATTACHMENT : null;
            } catch (MessagingException again) {
                return null;
            }
        }
    }

    /** The part's file name, RFC 2231 and RFC 2047 decoded, without any path; null when it has none. */
    static String filename(Part part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException e) {
            name = null;
            try {
                for (String header : List.of("Content-Disposition", "Content-Type")) {
                    String[] values = part.getHeader(header);
                    Matcher param = values == null ? null : NAME_PARAM.matcher(values[0]);
                    if (param != null && param.find()) {
                        name = param.group(1);
                        break;
                    }
                }
            } catch (MessagingException again) {
                name = null;
            }
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        name = HeaderText.of(name, null).value();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = clean(name).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            return null;
        }
        return name.length() > MAX_FILENAME ? name.substring(name.length() - MAX_FILENAME) : name;
    }

    private static String defaultName(Part part, String type, int n) {
        if (type.equals("message/rfc822")) {
            return "message-" + n + ".eml";
        }
        String subtype = type.substring(type.indexOf('/') + 1);
        String extension = switch (subtype) {
            case "jpeg", "pjpeg" -> "jpg";
            case "plain" -> "txt";
            case "calendar" -> "ics";
            case "delivery-status" -> "txt";
            case "rfc822-headers" -> "txt";
            default -> subtype.matches("[a-z0-9]{1,5}") ? subtype : "bin";
        };
        return (type.startsWith("image/") ? "image-" : "attachment-") + n + "." + extension;
    }

    /** Mail's CRLF line ends, as everything else in Switchboard stores them: "\n". */
    private static String lines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** PostgreSQL text cannot hold NUL characters, and no person wrote one. */
    static String clean(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }
}
