package dev.switchboard.channel.email.inbound;

import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.springframework.stereotype.Component;

/**
 * Finds the quoted history under a reply ("On … wrote:", "-----Original Message-----", "… пишет:", a
 * trailing block of "> " lines, Gmail's, Outlook's, Thunderbird's and Apple Mail's HTML quote markers) and
 * wraps it in {@code <details class="quoted">}, which the browser shows folded without any script. Nothing
 * is removed: the text is kept whole, and the HTML only gains the wrapper.
 */
@Component
class QuotedHistory {

    /**
     * The fold's label is left to the stylesheet (a CSS ::after), so that no word of ours enters the text
     * that is derived from the HTML of an HTML-only message.
     */
    static final String SUMMARY = "";

    /** Lines (or two or three lines joined, as mail clients wrap them) that introduce a quoted message. */
    private static final List<Pattern> ATTRIBUTIONS = List.of(
            Pattern.compile("^On\\b.{1,300}\\bwrote:$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^-{2,}\\s*Original Message\\s*-{2,}$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^-{2,}\\s*Исходное сообщение\\s*-{2,}$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            Pattern.compile("^.{1,300}\\sпишет:$", Pattern.UNICODE_CASE),
            Pattern.compile("^Am\\b.{1,300}\\bschrieb\\b.{0,300}:$"),
            Pattern.compile("^Le\\b.{1,300}\\ba écrit\\s?:$"),
            Pattern.compile("^El\\b.{1,300}\\bescribió:$"),
            // Gmail in Russian and other locales, Yandex, Mail.ru: a date with a time, then the sender's address
            Pattern.compile("^.{0,200}\\d.{0,100}\\d{1,2}:\\d{2}.{0,200}<[^<>\\s]+@[^<>\\s]+>:$"));
    /** Outlook's plain-text header block: From:, then Sent: or Date: a line or few below. */
    private static final Pattern HEADER_FROM = Pattern.compile("^\\*?(From|От|De|Von):\\*?\\s.+", Pattern.UNICODE_CASE);
    private static final Pattern HEADER_SENT = Pattern.compile("^\\*?(Sent|Date|Отправлено|Дата|Envoyé|Gesendet):\\*?\\s.+",
            Pattern.UNICODE_CASE);
    private static final Pattern OUTLOOK_RULE = Pattern.compile("^_{10,}$");
    private static final Pattern FORWARDED = Pattern.compile("^-{2,}\\s*(Forwarded message|Пересылаемое сообщение)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final List<String> HTML_MARKERS = List.of("div.gmail_quote_container", "div.gmail_quote",
            "div.moz-cite-prefix", "div#divRplyFwdMsg", "div#appendonsend", "div.yahoo_quoted",
            "blockquote[type=cite]", "div.OutlookMessageHeader");

    /**
     * The HTML to show for a message: its own HTML with the quoted history folded, or, for a plain-text
     * message with a quote, HTML made from the text with the quote folded; null when there is nothing to fold
     * in a text-only message (its text is then shown as written).
     */
    String markedHtml(String text, String html) {
        if (html != null && !html.isBlank()) {
            return foldHtml(html);
        }
        if (text == null) {
            return null;
        }
        int start = quoteStart(text);
        return start < 0 ? null : paragraphs(text.substring(0, start)) + "<details class=\"quoted\"><summary>"
                + SUMMARY + "</summary>" + paragraphs(text.substring(start)) + "</details>";
    }

    /** Where the quoted history starts in a text body (a character index at a line start), or -1. */
    int quoteStart(String text) {
        String[] lines = text.split("\n", -1);
        int[] offsets = new int[lines.length];
        for (int i = 0, at = 0; i < lines.length; i++) {
            offsets[i] = at;
            at += lines[i].length() + 1;
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith(">")) {
                continue;
            }
            if (FORWARDED.matcher(line).find()) {
                return -1; // a forward is the content itself, not history to hide
            }
            if (isAttribution(lines, i) || isOutlookHeader(lines, i)) {
                return hasReplyAbove(lines, i) ? offsets[i] : -1;
            }
        }
        int first = trailingQuoteBlock(lines);
        return first >= 0 && hasReplyAbove(lines, first) ? offsets[first] : -1;
    }

    private static boolean isAttribution(String[] lines, int i) {
        String joined = "";
        for (int n = 0; n < 3 && i + n < lines.length; n++) {
            joined = (joined + " " + lines[i + n].strip()).strip();
            String candidate = joined;
            if (ATTRIBUTIONS.stream().anyMatch(p -> p.matcher(candidate).matches())) {
                return true;
            }
            if (lines[i + n].isBlank()) {
                return false;
            }
        }
        return false;
    }

    private static boolean isOutlookHeader(String[] lines, int i) {
        String line = lines[i].strip();
        if (OUTLOOK_RULE.matcher(line).matches()) {
            return i + 1 < lines.length && HEADER_FROM.matcher(lines[i + 1].strip()).matches();
        }
        if (!HEADER_FROM.matcher(line).matches()) {
            return false;
        }
        for (int n = 1; n <= 4 && i + n < lines.length; n++) {
            if (HEADER_SENT.matcher(lines[i + n].strip()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The first line of a block of "&gt;" lines that runs (blank lines aside) to the end, or -1. */
    private static int trailingQuoteBlock(String[] lines) {
        int first = -1;
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith(">")) {
                first = i;
            } else if (!line.isEmpty()) {
                break;
            }
        }
        return first;
    }

    private static boolean hasReplyAbove(String[] lines, int index) {
        for (int i = 0; i < index; i++) {
            if (!lines[i].isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(Entities.escape(paragraph.strip()).replaceAll("\\R", "<br>")).append("</p>");
            }
        }
        return html.toString();
    }

    private String foldHtml(String html) {
        Document doc = Jsoup.parse(html);
        doc.outputSettings().prettyPrint(false);
        Element marker = null;
        for (String selector : HTML_MARKERS) {
            marker = doc.body().selectFirst(selector);
            if (marker != null) {
                break;
            }
        }
        if (marker == null) {
            marker = outlookDesktopHeader(doc);
        }
        if (marker == null) {
            return html;
        }
        Element start = marker;
        while (start.parent() != null && start.parent() != doc.body() && nothingBefore(start)) {
            start = start.parent();
        }
        if (!hasContentBefore(doc.body(), start)) {
            return html; // the whole message is the quote (a forward): nothing to fold
        }
        Element details = new Element("details").addClass("quoted");
        details.appendElement("summary").text(SUMMARY);
        start.before(details);
        List<Node> quoted = new java.util.ArrayList<>();
        for (Node node = start; node != null; node = node.nextSibling()) {
            quoted.add(node);
        }
        quoted.forEach(details::appendChild);
        return doc.body().html();
    }

    /** Outlook for Windows: a div with a top border whose first words are From: (or От:). */
    private static Element outlookDesktopHeader(Document doc) {
        for (Element div : doc.body().select("div[style*=border-top]")) {
            String text = div.text().strip();
            if (HEADER_FROM.matcher(text).find()) {
                return div;
            }
        }
        return null;
    }

    private static boolean nothingBefore(Element element) {
        for (Node node = element.previousSibling(); node != null; node = node.previousSibling()) {
            if (node instanceof Element || (node instanceof TextNode t && !t.isBlank())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasContentBefore(Element body, Element start) {
        for (Node node = start.previousSibling(); node != null; node = node.previousSibling()) {
            boolean content = node instanceof TextNode t ? !t.isBlank()
                    : node instanceof Element e && (!e.text().isBlank() || !e.select("img").isEmpty());
            if (content) {
                return true;
            }
        }
        Element parent = start.parent();
        return parent != null && parent != body && hasContentBefore(body, parent);
    }
}
