package dev.switchboard.channel.email.inbound;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The fields and files of a Mailgun webhook request, multipart or urlencoded, kept as bytes: {@code body-mime}
 * is a message whose own charsets must survive, which a String decoded as UTF-8 would not guarantee.
 */
record MailgunForm(Map<String, byte[]> fields, List<File> files) {

    record File(String field, String filename, String contentType, byte[] content) {
    }

    static MailgunForm read(HttpServletRequest request) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        Map<String, byte[]> fields = new LinkedHashMap<>();
        List<File> files = new ArrayList<>();
        if (type.startsWith("multipart/form-data")) {
            try {
                for (Part part : request.getParts()) {
                    byte[] content;
                    try (InputStream in = part.getInputStream()) {
                        content = in.readAllBytes();
                    }
                    if (part.getSubmittedFileName() != null) {
                        files.add(new File(part.getName(), part.getSubmittedFileName(), part.getContentType(), content));
                    } else {
                        fields.putIfAbsent(part.getName(), content);
                    }
                }
            } catch (IllegalStateException | MaxUploadSizeExceededException tooLarge) {
                throw new TooLarge(); // the container refuses parts over its size limits with IllegalStateException
            } catch (ServletException | IOException | MultipartException e) {
                throw new MalformedForm("The multipart body cannot be read: " + e.getMessage());
            }
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readAllBytes();
            }
            if (body.length > 0) {
                // Percent-decoding through ISO-8859-1 maps every byte to one char and back: the exact bytes sent.
                for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    fields.putIfAbsent(new String(name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
                            value.getBytes(StandardCharsets.ISO_8859_1));
                }
            } else {
                // the container read the form already: take its (UTF-8) decoding
                request.getParameterMap().forEach((name, values) ->
                        fields.putIfAbsent(name, values[0].getBytes(StandardCharsets.UTF_8)));
            }
        } else {
            throw new MalformedForm("Send multipart/form-data or application/x-www-form-urlencoded, as Mailgun does.");
        }
        return new MailgunForm(fields, files);
    }

    /** A text field, as UTF-8 (Mailgun's encoding for every field but the raw message). */
    String text(String name) {
        byte[] value = fields.get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    byte[] bytes(String name) {
        return fields.get(name);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw new MalformedForm("The form is not valid urlencoding: " + e.getMessage());
        }
    }

    /** A form over the container's size limits: answered 413. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("The form is larger than this server takes.");
        }
    }

    /** A request body that is not a form Mailgun would send: answered 400. */
    static final class MalformedForm extends RuntimeException {
        MalformedForm(String message) {
            super(message);
        }
    }
}
