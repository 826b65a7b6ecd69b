package dev.switchboard.channel.email.inbound;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A header value as a person reads it. Mail gets this wrong in two ways that Jakarta Mail alone does not
 * undo: raw 8-bit bytes in headers (UTF-8, or the body's legacy charset, with no RFC 2047 encoding at all),
 * and encoded words glued to each other or to text, which the strict RFC 2047 decoder leaves as they are.
 */
record HeaderText(String value) {


    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * @param raw      the header value as parsed (bytes mapped one to one onto chars, for 8-bit headers)
     * @param fallback the charset the message body declares, the likeliest one for raw 8-bit headers
     */
    static HeaderText of(String raw, Charset fallback) {
        if (raw == null) {
            return new HeaderText(null);
        }
        String text = eightBit(MimeUtility.unfold(raw), fallback);
        try {
            text = MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            // an unknown charset in one word: the word-by-word pass below decodes what it can
        }
        if (text.contains("=?")) {
            text = wordByWord(text);
        }
        return new HeaderText(EmailBody.clean(text).replaceAll("[\\r\\n\\t]+", " ").strip());
    }

    /** Re-reads a header carrying raw 8-bit bytes: strict UTF-8 first, then the body's charset, then windows-1252. */
    static String eightBit(String text, Charset fallback) {
        boolean high = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return text; // already decoded (a UTF-8 header read as such)
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            Charset charset = fallback != null && !fallback.equals(StandardCharsets.US_ASCII)
                    && !fallback.equals(StandardCharsets.UTF_8) ? fallback : WINDOWS_1252;
            return new String(bytes, charset);
        }
    }

    private static String wordByWord(String text) {
        String joined = BETWEEN_WORDS.matcher(text).replaceAll("$1$2");
        Matcher words = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            String decoded;
            try {
                decoded = MimeUtility.decodeWord(words.group());
            } catch (Exception e) {
                decoded = words.group();
            }
            words.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        words.appendTail(out);
        return out.toString();
    }
}
