package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MailboxApiTest extends InboundEmailTest {

    @Autowired
    MailboxPasswords passwords;

    static Map<String, Object> mailbox(String address) {
        Map<String, Object> body = new HashMap<>();
        body.put("address", address);
        body.put("imap_host", "imap.example.com");
        body.put("imap_port", 993);
        body.put("security", "ssl");
        body.put("username", "support");
        body.put("password", "s3cret-imap-password");
        body.put("folder", "INBOX");
        body.put("poll_interval_seconds", 60);
        return body;
    }

    static String address() {
        return "help-" + UUID.randomUUID().toString().substring(0, 8) + "@switchboard.test";
    }

    @Test
    void anAdminSetsUpAMailboxWhosePasswordIsStoredEncryptedAndNeverShown() {
        Api.Reply created = admin().post("/api/v1/mailboxes", mailbox(address()));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("password").doesNotContain("s3cret");
        assertThat(created.json().get("security").asString()).isEqualTo("ssl");
        assertThat(created.json().get("active").asBoolean()).isTrue();
        assertThat(created.json().get("last_polled_at").isNull()).isTrue();
        String stored = jdbc.sql("select password_encrypted from mailboxes where id = ?").param(created.id())
                .query(String.class).single();
        assertThat(stored).doesNotContain("s3cret");
        assertThat(passwords.decrypt(stored)).isEqualTo("s3cret-imap-password");
        assertThat(admin().get("/api/v1/mailboxes/" + created.id()).body()).doesNotContain("s3cret");
        assertThat(admin().get("/api/v1/mailboxes").body()).doesNotContain("s3cret");
    }

    @Test
    void agentsAndCustomersMayNotSeeOrChangeMailboxes() {
        long id = admin().post("/api/v1/mailboxes", mailbox(address())).id();
        for (Api user : new Api[] {newUser("agent"), newUser("customer")}) {
            assertThat(user.post("/api/v1/mailboxes", mailbox(address())).status()).isEqualTo(403);
            assertThat(user.get("/api/v1/mailboxes").status()).isEqualTo(403);
            assertThat(user.get("/api/v1/mailboxes/" + id).status()).isEqualTo(403);
            assertThat(user.patch("/api/v1/mailboxes/" + id, Map.of("folder", "Spam")).status()).isEqualTo(403);
            assertThat(user.delete("/api/v1/mailboxes/" + id).status()).isEqualTo(403);
            assertThat(user.post("/api/v1/mailboxes/" + id + "/test", Map.of()).status()).isEqualTo(403);
        }
        assertThat(anonymous().get("/api/v1/mailboxes").status()).isEqualTo(401);
    }

    @Test
    void aChangeKeepsWhatItDoesNotNameAndANewPasswordIsEncryptedToo() {
        long group = groupNamed("Sales");
        long id = admin().post("/api/v1/mailboxes", mailbox(address())).id();

        Api.Reply changed = admin().patch("/api/v1/mailboxes/" + id, Map.of("password", "new-password-2",
                "group_id", group, "poll_interval_seconds", 300));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("group_id").asLong()).isEqualTo(group);
        assertThat(changed.json().get("poll_interval_seconds").asInt()).isEqualTo(300);
        assertThat(changed.json().get("imap_host").asString()).isEqualTo("imap.example.com");
        String stored = jdbc.sql("select password_encrypted from mailboxes where id = ?").param(id).query(String.class).single();
        assertThat(passwords.decrypt(stored)).isEqualTo("new-password-2");
        Map<String, Object> clear = new HashMap<>();
        clear.put("group_id", null);
        assertThat(admin().patch("/api/v1/mailboxes/" + id, clear).json().get("group_id").isNull()).isTrue();
    }

    @Test
    void pausingStopsPollingAndDeletingRemovesTheMailboxButKeepsItsMail() {
        String address = address();
        long id = admin().post("/api/v1/mailboxes", mailbox(address)).id();
        IngestResult taken = ingest.ingest(mail(email("kept"), "Before deletion", "Hello").getBytes(), id, "imap");

        Api.Reply paused = admin().patch("/api/v1/mailboxes/" + id, Map.of("active", false));
        assertThat(paused.json().get("active").asBoolean()).isFalse();
        assertThat(admin().patch("/api/v1/mailboxes/" + id, Map.of("active", true)).json().get("active").asBoolean()).isTrue();

        assertThat(admin().delete("/api/v1/mailboxes/" + id).status()).isEqualTo(204);

        assertThat(admin().get("/api/v1/mailboxes/" + id).status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/mailboxes?limit=100").body()).doesNotContain(address);
        assertThat(admin().delete("/api/v1/mailboxes/" + id).status()).isEqualTo(404);
        assertThat(inbound(taken.id()).get("mailbox_id")).isEqualTo(id);
        assertThat(ticket(taken.ticketId()).get("subject").asString()).isEqualTo("Before deletion");
        assertThat(jdbc.sql("select active from mailboxes where id = ?").param(id).query(Boolean.class).single()).isFalse();
        // the address is free again, for a new mailbox
        assertThat(admin().post("/api/v1/mailboxes", mailbox(address)).status()).isEqualTo(201);
        assertThat(jdbc.sql("select action from audit_events where subject_type = 'mailbox' and subject_id = ? order by id")
                .param(id).query(String.class).list()).contains("created", "changed", "deleted");
    }

    @Test
    void badSettingsAreRefusedFieldByField() {
        Map<String, Object> body = mailbox("not-an-address");
        body.put("security", "tls13");
        assertThat(admin().post("/api/v1/mailboxes", body).status()).isEqualTo(422);

        Map<String, Object> badPort = mailbox(address());
        badPort.put("imap_port", 70000);
        badPort.put("poll_interval_seconds", 1);
        badPort.put("group_id", 987654);
        Api.Reply refused = admin().post("/api/v1/mailboxes", badPort);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("imap_port").contains("poll_interval_seconds").contains("group_id");

        Map<String, Object> unknownSecurity = mailbox(address());
        unknownSecurity.put("security", "tls13");
        assertThat(admin().post("/api/v1/mailboxes", unknownSecurity).body()).contains("none, ssl, starttls");

        String taken = address();
        assertThat(admin().post("/api/v1/mailboxes", mailbox(taken)).status()).isEqualTo(201);
        assertThat(admin().post("/api/v1/mailboxes", mailbox(taken.toUpperCase())).status()).isEqualTo(409);
    }

    @Test
    void aTicketsMailGoesOutFromTheMailboxItCameInOnAndMailboxesAreOurs() {
        String address = address();
        long id = admin().post("/api/v1/mailboxes", mailbox(address)).id();
        IngestResult viaMailbox = ingest.ingest(mail(email("lena"), "Hi", "Hello").getBytes(), id, "imap");
        IngestResult viaApi = ingest(mail(email("lena"), "Hi", "Hello"));

        MailboxSenderAddresses senders = new MailboxSenderAddresses(new MailboxRecords(jdbc), "support@switchboard.test");
        assertThat(senders.fromAddressFor(viaMailbox.ticketId())).isEqualTo(address);
        assertThat(senders.fromAddressFor(viaApi.ticketId())).isEqualTo("support@switchboard.test");
        assertThat(senders.isOurs(address.toUpperCase())).isTrue();
        assertThat(senders.isOurs("Support@Switchboard.test")).isTrue();
        assertThat(senders.isOurs(email("stranger"))).isFalse();
    }
}
