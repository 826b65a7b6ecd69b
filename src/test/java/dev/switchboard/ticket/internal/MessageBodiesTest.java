package dev.switchboard.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageBodiesTest {

    private final MessageBodies bodies = new MessageBodies();

    @Test
    void scriptsHandlersAndJavascriptLinksAreRemovedFromHtml() {
        MessageBodies.Body body = bodies.of(null, "<p onclick=\"steal()\">Hi <script>alert(1)</script>"
                + "<a href=\"javascript:alert(1)\">x</a> <a href=\"https://example.com/help\">help</a>"
                + "<img src=x onerror=alert(1)><iframe src=\"https://evil.example\"></iframe></p>");
        assertThat(body.html()).doesNotContain("script", "onclick", "javascript:", "onerror", "iframe");
        assertThat(body.html()).contains("<a href=\"https://example.com/help\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">help</a>");
    }

    @Test
    void plainTextOfHtmlKeepsParagraphsAndLineBreaks() {
        MessageBodies.Body body = bodies.of(null, "<p>Hello <b>team</b>,</p><p>line one<br>line two</p><div>bye</div>");
        assertThat(body.text()).isEqualTo("Hello team,\n\nline one\nline two\n\nbye");
    }

    @Test
    void plainTextIsEscapedAndKeepsItsLineBreaks() {
        MessageBodies.Body body = bodies.of("a < b & c\nnext line\n\nnew <paragraph>", null);
        assertThat(body.text()).isEqualTo("a < b & c\nnext line\n\nnew <paragraph>");
        assertThat(body.html()).isEqualTo("<p>a &lt; b &amp; c<br>next line</p><p>new &lt;paragraph&gt;</p>");
    }
}
