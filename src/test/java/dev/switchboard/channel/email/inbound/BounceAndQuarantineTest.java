package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.channel.email.EmailThreads;
import dev.switchboard.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class BounceAndQuarantineTest extends InboundEmailTest {

    @Autowired
    EmailThreads threads;

    /** A ticket with a message we "sent" on it (what the outbound side records), answering its Message-ID. */
    String sentOn(long ticketId) {
        String id = "<out-" + UUID.randomUUID() + "@switchboard.test>";
        threads.remember(id, ticketId, null, true);
        return id;
    }

    static String dsn(String originalId, String recipient) {
        return """
                Return-Path: <>
                From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
                To: support@switchboard.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%s@mx.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Your message could not be delivered.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 User unknown

                --b
                Content-Type: text/rfc822-headers

                From: support@switchboard.test
                To: %s
                Subject: Your request
                Message-ID: %s

                --b--
                """.formatted(UUID.randomUUID(), recipient, recipient, originalId).replace("\n", "\r\n");
    }

    @Test
    void aBounceBecomesAnInternalNoteOnTheTicketItConcernsNotATicket() {
        long ticket = ingest(mail(email("olga"), "Help", "please")).ticketId();
        String sent = sentOn(ticket);
        long tickets = ticketCount();

        IngestResult bounce = ingest(dsn(sent, "olga-typo@example.com"));

        assertThat(bounce.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(bounce.ticketId()).isEqualTo(ticket);
        assertThat(ticketCount()).isEqualTo(tickets);
        JsonNode note = messages(ticket).get(1);
        assertThat(note.get("internal").asBoolean()).isTrue();
        assertThat(note.get("body_text").asString()).contains("Mail delivery failed for olga-typo@example.com: failed (5.1.1; smtp; 550 5.1.1 User unknown)");
        assertThat(newUser("customer").get("/api/v1/tickets/" + ticket + "/messages").body()).doesNotContain("delivery failed");
    }

    @Test
    void aDaemonsBounceCarryingTheOriginalFindsItByItsHeaders() {
        long ticket = ingest(mail(email("pavel"), "Help", "please")).ticketId();
        String sent = sentOn(ticket);
        String exim = """
                From: Mail Delivery System <Mailer-Daemon@mx.example.org>
                To: support@switchboard.test
                Subject: Mail delivery failed: returning message to sender
                Message-ID: <exim-%s@mx.example.org>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="x"

                --x
                Content-Type: text/plain

                This message was created automatically by mail delivery software.
                  pavel@gone.example
                    mailbox is full
                --x
                Content-Type: message/rfc822

                From: support@switchboard.test
                Message-ID: <not-ours@switchboard.test>
                In-Reply-To: <something@else>
                References: %s

                Body
                --x--
                """.formatted(UUID.randomUUID(), sent).replace("\n", "\r\n");

        IngestResult bounce = ingest(exim);

        assertThat(bounce.ticketId()).isEqualTo(ticket);
        assertThat(messages(ticket).get(1).get("internal").asBoolean()).isTrue();
    }

    @Test
    void aBounceAboutAMessageWeDoNotKnowIsQuarantinedAndCanBeRetriedOnceWeDo() {
        String unknown = "<lost-" + UUID.randomUUID() + "@switchboard.test>";
        long tickets = ticketCount();

        IngestResult bounce = ingest(dsn(unknown, "someone@example.com"));

        assertThat(bounce.status()).isEqualTo(InboundStatus.QUARANTINED);
        assertThat(bounce.error()).contains("delivery failure report about a message we do not know");
        assertThat(ticketCount()).isEqualTo(tickets);

        long ticket = ingest(mail(email("quinn"), "Later", "hi")).ticketId();
        threads.remember(unknown, ticket, null, true);
        Api.Reply retried = admin().post("/api/v1/email/quarantine/" + bounce.id() + "/retry", Map.of());

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.text("status")).isEqualTo("processed");
        assertThat(retried.json().get("ticket_id").asLong()).isEqualTo(ticket);
        assertThat(admin().post("/api/v1/email/quarantine/" + bounce.id() + "/retry", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aBounceOnAClosedTicketWaitsInQuarantine() {
        long ticket = ingest(mail(email("rita"), "Closed soon", "hi")).ticketId();
        String sent = sentOn(ticket);
        assertThat(patch(admin(), ticket, Map.of("status", "closed", "reason", "spam")).status()).isEqualTo(200);

        IngestResult bounce = ingest(dsn(sent, "rita@example.com"));

        assertThat(bounce.status()).isEqualTo(InboundStatus.QUARANTINED);
        assertThat(bounce.error()).contains("ticket #" + ticket + ", which is closed");
    }

    @Test
    void adminsPageThroughTheQuarantineDownloadTheOriginalAndSeeARetryFailAgain() {
        String first = "Subject: one\r\nMessage-ID: " + messageId() + "\r\n\r\nno sender\r\n";
        String second = "Subject: two\r\nMessage-ID: " + messageId() + "\r\n\r\nno sender either\r\n";
        IngestResult one = ingest(first);
        IngestResult two = ingest(second);

        Api.Reply page = admin().get("/api/v1/email/quarantine?limit=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items").get(0).get("id").asLong()).isEqualTo(two.id());
        assertThat(page.json().get("items").get(0).get("subject").asString()).isEqualTo("two");
        assertThat(page.json().get("items").get(0).get("error").asString()).contains("no sender");
        Api.Reply next = admin().get("/api/v1/email/quarantine?limit=1&cursor=" + page.text("next_cursor"));
        assertThat(next.json().get("items").get(0).get("id").asLong()).isEqualTo(one.id());

        Api.Reply raw = admin().get("/api/v1/email/quarantine/" + one.id() + "/raw");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.header("Content-Type")).startsWith("message/rfc822");
        assertThat(raw.header("Content-Disposition")).contains("inbound-" + one.id() + ".eml");
        assertThat(raw.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(first.getBytes(StandardCharsets.UTF_8));

        Api.Reply retry = admin().post("/api/v1/email/quarantine/" + one.id() + "/retry", Map.of());
        assertThat(retry.text("status")).isEqualTo("quarantined");
        assertThat(admin().get("/api/v1/email/quarantine/" + one.id()).json().get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void theQuarantineIsForAdminsOnly() {
        IngestResult stored = ingest("Subject: x\r\nMessage-ID: " + messageId() + "\r\n\r\nno sender\r\n");
        for (Api user : new Api[] {newUser("agent"), newUser("customer")}) {
            assertThat(user.get("/api/v1/email/quarantine").status()).isEqualTo(403);
            assertThat(user.get("/api/v1/email/quarantine/" + stored.id() + "/raw").status()).isEqualTo(403);
            assertThat(user.post("/api/v1/email/quarantine/" + stored.id() + "/retry", Map.of()).status()).isEqualTo(403);
            assertThat(user.post("/api/v1/email/quarantine/" + stored.id() + "/discard", Map.of("reason", "mine"))
                    .status()).isEqualTo(403);
        }
        assertThat(admin().get("/api/v1/email/quarantine/" + stored.id()).text("status")).isEqualTo("quarantined");
        assertThat(admin().get("/api/v1/email/quarantine/987654321/raw").status()).isEqualTo(404);
    }

    @Test
    void discardingNeedsAReasonErasesTheOriginalAndKeepsTheRecordListedAsDiscarded() {
        String raw = "Subject: junk\r\nMessage-ID: " + messageId() + "\r\n\r\nno sender\r\n";
        IngestResult stored = ingest(raw);
        String discard = "/api/v1/email/quarantine/" + stored.id() + "/discard";

        Api.Reply noReason = admin().post(discard, Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("reason");
        assertThat(admin().post(discard, Map.of("reason", "x".repeat(201))).status()).isEqualTo(422);
        assertThat(admin().post(discard, Map.of()).status()).isEqualTo(422);
        assertThat(admin().get("/api/v1/email/quarantine/" + stored.id() + "/raw").status()).isEqualTo(200);

        Api.Reply discarded = admin().post(discard, Map.of("reason", "a phishing attempt"));

        assertThat(discarded.status()).as(discarded.body()).isEqualTo(200);
        assertThat(discarded.text("status")).isEqualTo("discarded");
        assertThat(discarded.text("discard_reason")).isEqualTo("a phishing attempt");
        assertThat(discarded.json().get("discarded_by_id").asLong()).isEqualTo(userId(admin()));
        assertThat(discarded.text("subject")).isEqualTo("junk");
        assertThat(discarded.json().get("size_bytes").asLong()).isEqualTo(raw.length());
        Api.Reply gone = admin().get("/api/v1/email/quarantine/" + stored.id() + "/raw");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body()).contains("a phishing attempt", "erased");
        assertThat(ids(admin().get("/api/v1/email/quarantine?status=discarded&limit=100"))).contains(stored.id());
        assertThat(ids(admin().get("/api/v1/email/quarantine?limit=100"))).doesNotContain(stored.id());
        assertThat(admin().post(discard, Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(admin().post("/api/v1/email/quarantine/" + stored.id() + "/retry", Map.of()).status()).isEqualTo(409);
        assertThat(admin().get("/api/v1/email/quarantine?status=deleted").status()).isEqualTo(422);
        assertThat(jdbc.sql("""
                        select reason from audit_events
                        where subject_type = 'inbound_email' and subject_id = ? and new_value = 'discarded'""")
                .param(stored.id()).query(String.class).single()).isEqualTo("a phishing attempt");
    }

    private static List<Long> ids(Api.Reply page) {
        List<Long> ids = new ArrayList<>();
        page.json().get("items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }
}
