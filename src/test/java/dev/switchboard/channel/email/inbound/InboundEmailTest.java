package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import dev.switchboard.ticket.TicketEvents.TicketOpened;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What the email tests share (one Spring context for all of them): the webhook secrets, a \Seen step that
 * can be made to fail once, a recorder of TicketOpened events, and helpers that write messages and read
 * back what they became.
 */
@Import(InboundEmailTest.Beans.class)
@TestPropertySource(properties = {
        "switchboard.mail.mailgun.signing-key=" + InboundEmailTest.MAILGUN_KEY,
        "switchboard.mail.inbound-secret=" + InboundEmailTest.INBOUND_SECRET,
        "switchboard.secret-key=test-secret-key-0123456789abcdef",
        "switchboard.mail.from=support@switchboard.test",
        "switchboard.mail.max-message-size=2MB",
        "switchboard.hooks.max-body-size=3MB",
        "switchboard.attachments.max-size=1MB"})
abstract class InboundEmailTest extends IntegrationTest {

    static final String MAILGUN_KEY = "key-test-mailgun-signing";
    static final String INBOUND_SECRET = "inbound-secret-for-tests";

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        @Primary
        FlakySeenFlags flakySeenFlags() {
            return new FlakySeenFlags();
        }

        @Bean
        OpenedTickets openedTickets() {
            return new OpenedTickets();
        }
    }

    /** Flags like the real step, unless told to fail: the crash between storing and flagging. */
    static class FlakySeenFlags extends SeenFlags {
        final AtomicInteger failures = new AtomicInteger();

        @Override
        void mark(Folder folder, List<Message> messages) throws MessagingException {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new MessagingException("simulated crash before flagging");
            }
            super.mark(folder, messages);
        }
    }

    /** Every TicketOpened event, to see what the confirmation sender (built elsewhere) would be told. */
    static class OpenedTickets {
        final List<TicketOpened> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(TicketOpened event) {
            events.add(event);
        }

        TicketOpened of(long ticketId) {
            return events.stream().filter(e -> e.ticketId() == ticketId).findFirst().orElseThrow();
        }
    }

    @Autowired
    EmailIngest ingest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FlakySeenFlags seenFlags;
    @Autowired
    OpenedTickets opened;

    static String messageId() {
        return "<" + UUID.randomUUID() + "@mail.example.com>";
    }

    /** A plain-text message; extra headers are added as given ("Name: value" lines). */
    static String mail(String from, String subject, String body, String... headers) {
        StringBuilder eml = new StringBuilder();
        eml.append("From: ").append(from).append("\r\n");
        eml.append("To: support@switchboard.test\r\n");
        eml.append("Subject: ").append(subject).append("\r\n");
        eml.append("Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n");
        boolean hasId = false;
        for (String header : headers) {
            eml.append(header).append("\r\n");
            hasId |= header.toLowerCase().startsWith("message-id:");
        }
        if (!hasId) {
            eml.append("Message-ID: ").append(messageId()).append("\r\n");
        }
        eml.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        eml.append(body).append("\r\n");
        return eml.toString();
    }

    IngestResult ingest(String eml) {
        return ingest.ingest(eml.getBytes(StandardCharsets.UTF_8), (Long) null, "test");
    }

    JsonNode ticket(long id) {
        Api.Reply reply = admin().get("/api/v1/tickets/" + id);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    JsonNode messages(long ticketId) {
        Api.Reply reply = admin().get("/api/v1/tickets/" + ticketId + "/messages");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("items");
    }

    /** Posts a raw message to the MTA hook, as bytes (corpus messages are not all UTF-8). */
    Api.Reply postRaw(byte[] eml, String secret) {
        return send("/hooks/email/raw", eml, "message/rfc822", secret == null ? null : "Bearer " + secret);
    }

    Api.Reply send(String path, byte[] body, String contentType, String authorization) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            java.net.http.HttpResponse<String> response = HTTP.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    long ticketCount() {
        return jdbc.sql("select count(*) from tickets").query(Long.class).single();
    }

    Map<String, Object> inbound(long id) {
        return jdbc.sql("select status, ticket_id, message_id, error, mailbox_id, source, dedup_key from inbound_emails where id = ?")
                .param(id).query().singleRow();
    }

    long groupNamed(String name) {
        Api.Reply group = admin().post("/api/v1/groups", Map.of("name", name + " " + UUID.randomUUID()));
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        return group.id();
    }
}
