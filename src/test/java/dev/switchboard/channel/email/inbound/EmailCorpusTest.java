package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.channel.email.EmailThreads;
import dev.switchboard.support.Api;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Awkward real-world messages (src/test/resources/email-corpus/*.eml), each with what it must become in a
 * sidecar .expected file: a ticket (subject, requester, body, files), a note, or quarantine. Each goes in over
 * HTTP through the MTA hook, so "never a 500, never lost" is checked on the way.
 */
class EmailCorpusTest extends InboundEmailTest {

    @Autowired
    EmailThreads threads;

    static Stream<String> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(EmailCorpusTest.class.getResource("/email-corpus").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachMessageBecomesWhatItsSidecarSays(String name) throws Exception {
        byte[] eml = EmailCorpusTest.class.getResourceAsStream("/email-corpus/" + name + ".eml").readAllBytes();
        Properties expected = new Properties();
        try (Reader reader = new java.io.InputStreamReader(
                EmailCorpusTest.class.getResourceAsStream("/email-corpus/" + name + ".expected"), StandardCharsets.UTF_8)) {
            expected.load(reader);
        }
        Long bounced = null;
        if ("note".equals(expected.getProperty("outcome"))) {
            // the message the bounce is about: one we sent on a ticket
            bounced = ingest(mail(email("customer"), "Your request", "Please help")).ticketId();
            threads.remember("<corpus-outbound-1@switchboard.test>", bounced, null, true);
        }

        Api.Reply reply = postRaw(eml, INBOUND_SECRET);

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        JsonNode answer = reply.json();
        long id = answer.get("id").asLong();
        switch (expected.getProperty("outcome")) {
            case "ticket" -> expectTicket(answer, expected);
            case "note" -> {
                assertThat(answer.get("status").asString()).isEqualTo("processed");
                assertThat(answer.get("ticket_id").asLong()).isEqualTo(bounced);
                JsonNode last = last(messages(bounced));
                assertThat(last.get("internal").asBoolean()).isTrue();
                assertThat(last.get("body_text").asString()).contains(expected.getProperty("note-contains"));
            }
            case "quarantine" -> {
                assertThat(answer.get("status").asString()).isEqualTo("quarantined");
                Api.Reply stored = admin().get("/api/v1/email/quarantine/" + id);
                assertThat(stored.text("error")).containsIgnoringCase(expected.getProperty("error-contains"));
                Api.Reply raw = admin().get("/api/v1/email/quarantine/" + id + "/raw");
                assertThat(raw.body().getBytes(StandardCharsets.ISO_8859_1).length).isGreaterThan(0);
            }
            default -> throw new IllegalArgumentException("unknown outcome in " + name);
        }
    }

    private void expectTicket(JsonNode answer, Properties expected) {
        assertThat(answer.get("status").asString()).as(answer.toString()).isEqualTo("processed");
        long ticketId = answer.get("ticket_id").asLong();
        JsonNode ticket = ticket(ticketId);
        JsonNode first = messages(ticketId).get(0);
        String html = first.get("body_html").asString();
        if (expected.containsKey("subject")) {
            assertThat(ticket.get("subject").asString()).isEqualTo(expected.getProperty("subject"));
        }
        if (expected.containsKey("subject-starts")) {
            assertThat(ticket.get("subject").asString()).startsWith(expected.getProperty("subject-starts"));
        }
        assertThat(ticket.get("requester").get("email").asString()).isEqualTo(expected.getProperty("requester"));
        if (expected.containsKey("requester-name")) {
            assertThat(ticket.get("requester").get("name").asString()).isEqualTo(expected.getProperty("requester-name"));
        }
        if (expected.containsKey("body-contains")) {
            assertThat(first.get("body_text").asString()).contains(expected.getProperty("body-contains"));
        }
        if (expected.containsKey("html-contains")) {
            assertThat(html).contains(expected.getProperty("html-contains"));
        }
        if (expected.containsKey("html-quoted")) {
            assertThat(Jsoup.parse(html).select("details.quoted").text()).contains(expected.getProperty("html-quoted"));
            assertThat(first.get("body_text").asString()).contains(expected.getProperty("html-quoted"));
        }
        if (expected.containsKey("attachments")) {
            List<String> names = new ArrayList<>();
            first.get("attachments").forEach(a -> names.add(a.get("filename").asString()));
            assertThat(names).containsExactly(expected.getProperty("attachments").split("\\|"));
        }
        if (expected.containsKey("inline")) {
            boolean found = false;
            for (JsonNode a : first.get("attachments")) {
                found |= expected.getProperty("inline").equals(a.path("content_id").asString(""))
                        && a.get("inline").asBoolean();
            }
            assertThat(found).as("inline part " + expected.getProperty("inline") + " in " + first.get("attachments")).isTrue();
        }
        assertThat(opened.of(ticketId).autoGenerated())
                .isEqualTo(Boolean.parseBoolean(expected.getProperty("auto-generated", "false")));
    }

    private static JsonNode last(JsonNode items) {
        return items.get(items.size() - 1);
    }
}
