package dev.switchboard.ticket.internal;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Makes a message body safe to show. HTML from outside (mail, API) goes through jsoup's allow-list
 * cleaner, a maintained sanitizer, rather than our own rules; plain text is escaped and its line breaks
 * kept.
 */
@Component
class MessageBodies {

    record Body(String text, String html) {
    }

    private final Safelist allowed = Safelist.relaxed()
            // mail's quoted history arrives wrapped in <details class="quoted">, which browsers show folded
            .addTags("details", "summary")
            .addAttributes("details", "class")
            // inline images of mail refer to their attachment by Content-ID
            .addProtocols("img", "src", "cid")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .addEnforcedAttribute("a", "target", "_blank")
            .preserveRelativeLinks(false);

    Body of(String text, String html) {
        if (html != null && !html.isBlank()) {
            String clean = Jsoup.clean(html, "", allowed, new Document.OutputSettings().prettyPrint(false));
            String plain = text != null && !text.isBlank() ? text : textOf(clean);
            return new Body(plain, clean);
        }
        String plain = text == null ? "" : text;
        return new Body(plain, htmlOf(plain));
    }

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    static String htmlOf(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : PARAGRAPH_BREAK.split(text.strip())) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(LINE_BREAK.matcher(Entities.escape(paragraph.strip())).replaceAll("<br>")).append("</p>");
            }
        }
        return html.toString();
    }

    /** Plain text of sanitized HTML, with a line break for each break and an empty line between blocks. */
    static String textOf(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        doc.select("br").forEach(br -> br.after(new TextNode("\n")));
        doc.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre")
                .forEach(block -> block.after(new TextNode("\n\n")));
        String text = Jsoup.clean(doc.body().html(), "", Safelist.none(), new Document.OutputSettings().prettyPrint(false));
        return Entities.unescape(text).replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }
}
