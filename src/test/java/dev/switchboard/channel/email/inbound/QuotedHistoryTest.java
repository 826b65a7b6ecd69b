package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The quoted-history corpus: the forms mail clients quote in, each with where the reply ends. {@code |}
 * marks the first line of the quote in each text sample; samples without it must not be folded.
 */
class QuotedHistoryTest {

    private final QuotedHistory history = new QuotedHistory();

    @ParameterizedTest
    @ValueSource(strings = {
            // Gmail, English, attribution wrapped over two lines
            "Thanks, that fixed it.\n\n|On Mon, Mar 2, 2026 at 10:00 AM Support Team <\nsupport@switchboard.test> wrote:\n\n> Please restart the printer.\n>\n",
            // Apple Mail / iOS
            "Works now!\n\nSent from my iPhone\n\n|On 2 Mar 2026, at 10:00, Support <support@switchboard.test> wrote:\n\n> Please restart it.\n",
            // Outlook, plain text
            "See below.\n\n|-----Original Message-----\nFrom: Support <support@switchboard.test>\nSent: Monday, March 2, 2026 9:00 AM\nSubject: Your invoice\n\nHere it is.\n",
            // Outlook, newer plain text: a rule and a header block
            "Agreed.\n\n|________________________________\nFrom: Support <support@switchboard.test>\nSent: Monday, 2 March 2026 09:00\nTo: Bob\nSubject: Plan\n\nThe plan.\n",
            // Outlook without a separator
            "Yes please.\n\n|From: Support [mailto:support@switchboard.test]\nSent: Monday, March 2, 2026 9:00 AM\nTo: Bob\n\nShall we?\n",
            // Thunderbird, Russian
            "Спасибо!\n\n|02.03.2026 10:00, Служба поддержки пишет:\n> Перезагрузите принтер.\n",
            // Gmail, Russian
            "Добрый день!\nВсё работает.\n\n|пн, 2 мар. 2026 г. в 10:00, Служба поддержки <support@switchboard.test>:\n\n> Здравствуйте!\n",
            // Yandex
            "Ок.\n\n|02.03.2026, 10:00, \"Support\" <support@switchboard.test>:\n> Текст\n",
            // Mail.ru
            "Получил.\n\n|Понедельник, 2 марта 2026, 10:00 +03:00 от Support <support@switchboard.test>:\n> Текст\n",
            // Outlook, Russian
            "Принято.\n\n|-----Исходное сообщение-----\nОт: Support <support@switchboard.test>\nОтправлено: 2 марта 2026 г. 9:00\n\nТекст\n",
            // German and French clients
            "Danke.\n\n|Am 02.03.2026 um 10:00 schrieb Support <support@switchboard.test>:\n> Text\n",
            "Merci.\n\n|Le lun. 2 mars 2026 à 10:00, Support <support@switchboard.test> a écrit :\n> Texte\n",
            // only "> " lines at the bottom
            "I agree with this part.\n\n|> We will ship on Monday.\n> Regards\n\n",
    })
    void theQuoteStartsWhereTheMarkerIs(String sample) {
        String text = sample.replace("|", "");
        int expected = sample.indexOf('|');

        assertThat(history.quoteStart(text)).isEqualTo(expected);
        String html = history.markedHtml(text, null);
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("details.quoted").text()).isNotBlank();
        assertThat(doc.select("details.quoted").text()).doesNotContain(firstLine(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Just a message.\nWith two lines.",
            // inline answers between quotes are the reply itself: nothing is folded
            "> Can you ship on Monday?\nYes.\n> And the invoice?\nAttached.\n",
            // a forward is the content
            "FYI\n\n---------- Forwarded message ---------\nFrom: Alice <alice@example.com>\nDate: Mon, Mar 2, 2026\n\nThe original.\n",
            // a message that is nothing but a quote keeps it visible
            "On Mon, Mar 2, 2026 at 10:00 AM Bob <bob@example.com> wrote:\n> hi\n",
            // "wrote:" in the middle of a sentence is not an attribution
            "My colleague wrote: the printer is broken. On Monday it was fine.\n",
    })
    void somethingsAreNotFolded(String text) {
        assertThat(history.quoteStart(text)).isEqualTo(-1);
        assertThat(history.markedHtml(text, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ~ ", value = {
            // Gmail
            "<div dir=ltr>Thanks!</div><br><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Bob wrote:</div><blockquote class=\"gmail_quote\">old text</blockquote></div> ~ Thanks! ~ old text",
            // Thunderbird
            "<p>Fine.</p><div class=\"moz-cite-prefix\">On 02.03.2026 10:00, Bob wrote:<br></div><blockquote type=\"cite\">old text</blockquote> ~ Fine. ~ old text",
            // Apple Mail
            "<div>Done.</div><div><br><blockquote type=\"cite\"><div>On 2 Mar 2026, Bob wrote:</div><div>old text</div></blockquote></div> ~ Done. ~ old text",
            // Outlook on the web
            "<div>OK</div><hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\"><b>From:</b> Bob</div><div>old text</div> ~ OK ~ old text",
            // Outlook for Windows
            "<div class=WordSection1><p>Yes.</p><div><div style='border:none;border-top:solid #E1E1E1 1.0pt'><p><b>From:</b> Bob<br><b>Sent:</b> Monday</p></div></div><p>old text</p></div> ~ Yes. ~ old text",
            // Yahoo
            "<div>Sure.</div><div class=\"yahoo_quoted\">On Monday, Bob wrote: old text</div> ~ Sure. ~ old text",
    })
    void htmlQuotesAreWrappedInAFold(String html, String reply, String quoted) {
        Document doc = Jsoup.parse(history.markedHtml(null, html));

        assertThat(doc.select("details.quoted").text()).contains(quoted).doesNotContain(reply);
        assertThat(doc.body().text()).contains(reply).contains(quoted);
    }

    @Test
    void htmlWithoutAQuoteOrOnlyAQuoteIsLeftAsItIs() {
        String plain = "<p>Hello <b>there</b></p>";
        String onlyQuote = "<div class=\"gmail_quote\">On Mon, Bob wrote:<blockquote>old</blockquote></div>";

        assertThat(history.markedHtml(null, plain)).isEqualTo(plain);
        assertThat(history.markedHtml(null, onlyQuote)).isEqualTo(onlyQuote);
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElseThrow();
    }
}
