package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.support.Api;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;

class MailgunHookTest extends InboundEmailTest {

    /** A signed Mailgun form: timestamp, a fresh token and its signature, plus the given fields. */
    Map<String, Object> signed(Map<String, Object> fields) {
        return signed(fields, MAILGUN_KEY, clock.instant().getEpochSecond());
    }

    static Map<String, Object> signed(Map<String, Object> fields, String key, long timestamp) {
        String token = UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> form = new LinkedHashMap<>(fields);
        form.put("timestamp", String.valueOf(timestamp));
        form.put("token", token);
        form.put("signature", hmac(key, timestamp + token));
        return form;
    }

    static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** multipart/form-data: String values as UTF-8 fields, byte[] values as fields of those bytes, File as files. */
    record File(String filename, String contentType, byte[] content) {
    }

    Api.Reply postMultipart(Map<String, Object> form) {
        String boundary = "----mailgun" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        form.forEach((name, value) -> {
            out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (value instanceof File file) {
                out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file.filename()
                        + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(file.content());
            } else {
                out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(value instanceof byte[] bytes ? bytes : value.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send("/hooks/email/mailgun", out.toByteArray(), "multipart/form-data; boundary=" + boundary, null);
    }

    Api.Reply postUrlencoded(Map<String, Object> form, Charset bytesCharset) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            String text = value instanceof byte[] bytes ? new String(bytes, bytesCharset) : value.toString();
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(text, value instanceof byte[] ? bytesCharset : StandardCharsets.UTF_8));
        });
        return send("/hooks/email/mailgun", body.toString().getBytes(StandardCharsets.US_ASCII),
                "application/x-www-form-urlencoded", null);
    }

    @Test
    void aSignedRawMessageIsTakenAndBecomesATicket() {
        String sender = email("mg");
        Api.Reply reply = postMultipart(signed(Map.of("recipient", "support@switchboard.test", "sender", sender,
                "body-mime", mail(sender, "Via Mailgun", "Forwarded raw."))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("processed");
        JsonNode ticket = ticket(reply.json().get("ticket_id").asLong());
        assertThat(ticket.get("subject").asString()).isEqualTo("Via Mailgun");
        assertThat(inbound(reply.id())).containsEntry("source", "mailgun");
    }

    @Test
    void theRawMessageKeepsItsOwnCharsetInAnUrlencodedForm() {
        Charset cp1251 = Charset.forName("windows-1251");
        byte[] raw = ("From: " + email("ru") + "\r\nSubject: =?windows-1251?B?"
                + java.util.Base64.getEncoder().encodeToString("Счёт".getBytes(cp1251)) + "?=\r\nMessage-ID: " + messageId()
                + "\r\nContent-Type: text/plain; charset=windows-1251\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Где счёт?\r\n").getBytes(cp1251);

        Api.Reply reply = postUrlencoded(signed(Map.of("body-mime", raw)), cp1251);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        long ticket = reply.json().get("ticket_id").asLong();
        assertThat(ticket(ticket).get("subject").asString()).isEqualTo("Счёт");
        assertThat(messages(ticket).get(0).get("body_text").asString()).contains("Где счёт?");
    }

    @Test
    void parsedFieldsAreRebuiltIntoAMessageAndARetriedForwardMakesNothingNew() {
        String sender = email("fields");
        String id = messageId();
        long first = ingest(mail(sender, "Original", "first")).ticketId();
        String originalId = jdbc.sql("select message_id_header from inbound_emails where ticket_id = ? order by id limit 1")
                .param(first).query(String.class).single();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("recipient", "support@switchboard.test");
        fields.put("sender", sender);
        fields.put("from", "Fields Person <" + sender + ">");
        fields.put("subject", "Re: Original");
        fields.put("body-plain", "Reply from the fields.\n\nOn Mon, Support wrote:\n> first\n");
        fields.put("body-html", "<p>Reply from the <b>fields</b>.</p>");
        fields.put("message-headers", "[[\"Message-Id\", \"" + id + "\"], [\"In-Reply-To\", \"<" + originalId
                + ">\"], [\"X-Mailer\", \"Тест\"], [\"Content-Type\", \"multipart/mixed\"]]");
        fields.put("attachment-count", "1");
        fields.put("attachment-1", new File("notes.txt", "text/plain", "some notes".getBytes(StandardCharsets.UTF_8)));

        Api.Reply reply = postMultipart(signed(fields));
        Api.Reply retried = postMultipart(signed(fields));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("ticket_id").asLong()).isEqualTo(first);
        JsonNode message = messages(first).get(1);
        assertThat(message.get("body_text").asString()).contains("Reply from the fields.");
        assertThat(message.get("body_html").asString()).contains("<b>fields</b>");
        assertThat(message.get("attachments").get(0).get("filename").asString()).isEqualTo("notes.txt");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.text("status")).isEqualTo("duplicate");
        assertThat(messages(first)).hasSize(2);
    }

    @Test
    void fieldsWithoutAMessageIdRebuildToTheSameBytesSoARetryIsRecognized() {
        Map<String, Object> fields = Map.of("from", email("noid"), "subject", "No id", "body-plain", "Hello");

        Api.Reply first = postMultipart(signed(fields));
        Api.Reply second = postMultipart(signed(fields));

        assertThat(first.text("status")).isEqualTo("processed");
        assertThat(second.text("status")).isEqualTo("duplicate");
        assertThat(second.id()).isEqualTo(first.id());
    }

    @Test
    void aWrongSignatureAStaleTimestampAndAReplayedTokenAreRefused() {
        Map<String, Object> body = Map.of("body-mime", mail(email("x"), "Forged", "x"));
        long now = clock.instant().getEpochSecond();

        Api.Reply forged = postMultipart(signed(body, "not-the-key", now));
        Api.Reply stale = postMultipart(signed(body, MAILGUN_KEY, now - Duration.ofMinutes(6).toSeconds()));
        Api.Reply future = postMultipart(signed(body, MAILGUN_KEY, now + Duration.ofMinutes(6).toSeconds()));
        Map<String, Object> once = signed(Map.of("body-mime", mail(email("y"), "Once", "y")));
        Api.Reply first = postMultipart(once);
        Api.Reply replayed = postMultipart(once);
        Api.Reply unsigned = postMultipart(Map.of("body-mime", mail(email("z"), "Unsigned", "z")));

        assertThat(forged.status()).isEqualTo(406);
        assertThat(forged.body()).contains("signature does not match");
        assertThat(stale.status()).isEqualTo(406);
        assertThat(stale.body()).contains("minutes from our clock");
        assertThat(future.status()).isEqualTo(406);
        assertThat(first.status()).isEqualTo(200);
        assertThat(replayed.status()).isEqualTo(406);
        assertThat(replayed.body()).contains("used before");
        assertThat(unsigned.status()).isEqualTo(406);
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aTokenIsForgottenAfterItsTimestampWouldBeStaleAnyway() {
        Map<String, Object> form = signed(Map.of("body-mime", mail(email("t"), "Token", "t")));
        assertThat(postMultipart(form).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(11));
        postMultipart(signed(Map.of("body-mime", mail(email("u"), "Sweep", "u")))); // sweeps expired tokens

        assertThat(jdbc.sql("select count(*) from mailgun_tokens where token = ?").param(form.get("token"))
                .query(Long.class).single()).isZero();
    }

    @Test
    void malformedRequestsAre400NeverA500() {
        assertThat(send("/hooks/email/mailgun", "hello".getBytes(), "text/plain", null).status()).isEqualTo(400);
        assertThat(send("/hooks/email/mailgun", "--x\r\ngarbage".getBytes(), "multipart/form-data; boundary=x", null).status())
                .isIn(400, 406);
        Api.Reply noSender = postMultipart(signed(Map.of("subject", "nobody", "body-plain", "x")));
        assertThat(noSender.status()).isEqualTo(400);
        assertThat(noSender.body()).contains("neither body-mime nor from");
        Api.Reply badJson = postMultipart(signed(Map.of("from", email("j"), "message-headers", "[[not json")));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.body()).contains("not valid JSON");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        Api.Reply reply = postMultipart(signed(Map.of("body-mime", "x".repeat(3 * 1024 * 1024 + 1))));

        assertThat(reply.status()).isEqualTo(413);
    }

    @Test
    void withoutASigningKeyTheHookAnswers503() {
        MailgunHook hook = new MailgunHook(new MailgunSignature("", null, Clock.systemUTC()), null, null);

        assertThatThrownBy(() -> hook.receive(new MockHttpServletRequest("POST", "/hooks/email/mailgun")))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(503));
    }
}
