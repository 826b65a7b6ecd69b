package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.channel.email.EmailThreads;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import jakarta.mail.Flags;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The mailboxes and quarantine admin pages, through a browser-like session (no rendering), with GreenMail's IMAP. */
class EmailAdminPagesTest extends InboundEmailTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    @Autowired
    MailboxPasswords passwords;
    @Autowired
    EmailThreads threads;

    static Map<String, String> form(String address) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("address", address);
        form.put("imap_host", "imap.example.com");
        form.put("imap_port", "993");
        form.put("security", "ssl");
        form.put("username", "support");
        form.put("password", "s3cret-page-password");
        form.put("folder", "INBOX");
        form.put("poll_interval_seconds", "120");
        form.put("group_id", "");
        return form;
    }

    long mailboxId(String address) {
        return jdbc.sql("select id from mailboxes where address = ? and deleted_at is null").param(address)
                .query(Long.class).single();
    }

    List<String> audit(String type, long id) {
        return jdbc.sql("select action || ':' || coalesce(field, '') from audit_events where subject_type = ? and subject_id = ? order by id")
                .params(type, id).query(String.class).list();
    }

    @Test
    void anAdminAddsEditsPausesResumesAndDeletesAMailboxOnThePagesAndEachChangeIsAudited() {
        WebSession admin = adminSession();
        long group = groupNamed("Billing");
        String groupName = admin().get("/api/v1/groups/" + group).text("name");
        String index = admin.get("/admin").body();
        assertThat(index).contains("href=\"/admin/mailboxes\"", "href=\"/admin/email/quarantine\"",
                "href=\"/admin/outbox\"", "href=\"/admin/notifications\"");
        HttpResponse<String> empty = admin.get("/admin/mailboxes/new");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("for=\"imap_host\"", "for=\"password\"", "for=\"group_id\"", groupName,
                "Test connection", "aria-label=\"Administration sections\"");

        String address = MailboxApiTest.address();
        Map<String, String> fields = form(address);
        fields.put("group_id", String.valueOf(group));
        HttpResponse<String> created = admin.post("/admin/mailboxes", fields, "/admin/mailboxes/new");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/admin/mailboxes");
        String list = admin.get("/admin/mailboxes").body();
        assertThat(list).contains(address, "imap.example.com:993", "active", "never", groupName, "Mailbox " + address + " added");
        long id = mailboxId(address);

        String edit = admin.get("/admin/mailboxes/" + id).body();
        assertThat(edit).contains("value=\"" + address + "\"", "Leave empty to keep").doesNotContain("s3cret-page-password");
        Map<String, String> changed = form(address);
        changed.put("password", "");
        changed.put("folder", "Support");
        changed.put("poll_interval_seconds", "300");
        changed.put("group_id", String.valueOf(group));
        assertThat(admin.post("/admin/mailboxes/" + id, changed, "/admin/mailboxes/" + id).statusCode()).isEqualTo(302);
        Api.Reply saved = admin().get("/api/v1/mailboxes/" + id);
        assertThat(saved.text("folder")).isEqualTo("Support");
        assertThat(saved.json().get("poll_interval_seconds").asInt()).isEqualTo(300);
        assertThat(saved.json().get("group_id").asLong()).isEqualTo(group);
        String stored = jdbc.sql("select password_encrypted from mailboxes where id = ?").param(id).query(String.class).single();
        assertThat(passwords.decrypt(stored)).as("a blank password keeps the old one").isEqualTo("s3cret-page-password");

        assertThat(admin.post("/admin/mailboxes/" + id + "/pause", Map.of(), "/admin/mailboxes").statusCode()).isEqualTo(302);
        assertThat(admin().get("/api/v1/mailboxes/" + id).json().get("active").asBoolean()).isFalse();
        assertThat(admin.get("/admin/mailboxes").body()).contains("paused", "Resume " + address);
        assertThat(admin.post("/admin/mailboxes/" + id + "/resume", Map.of(), "/admin/mailboxes").statusCode()).isEqualTo(302);
        assertThat(admin().get("/api/v1/mailboxes/" + id).json().get("active").asBoolean()).isTrue();
        assertThat(admin.get("/admin/mailboxes").body()).contains("Mailbox " + address + " is read again", "Pause " + address);

        HttpResponse<String> confirm = admin.get("/admin/mailboxes/" + id + "/delete");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Delete " + address + "?", "Delete the mailbox", "pause it");
        assertThat(admin().get("/api/v1/mailboxes/" + id).status()).as("nothing happens before the confirmation").isEqualTo(200);
        assertThat(admin.post("/admin/mailboxes/" + id + "/delete", Map.of(), "/admin/mailboxes/" + id + "/delete")
                .statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/mailboxes").body()).contains("Mailbox " + address + " deleted")
                .doesNotContain("href=\"/admin/mailboxes/" + id + "\"");
        assertThat(admin().get("/api/v1/mailboxes/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/admin/mailboxes/" + id).statusCode()).isEqualTo(404);

        assertThat(audit("mailbox", id)).containsExactly("created:", "changed:folder",
                "changed:poll_interval_seconds", "changed:active", "changed:active", "deleted:");
    }

    @Test
    void aRefusedFormComesBackWithEachReasonBesideItsFieldAndNeverWithThePassword() {
        WebSession admin = adminSession();
        Map<String, String> bad = form("not an address");
        bad.put("imap_port", "70000");
        bad.put("poll_interval_seconds", "1");

        HttpResponse<String> refused = admin.post("/admin/mailboxes", bad, "/admin/mailboxes/new");

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Please fix the fields marked below", "is not an email address",
                "must be between 1 and 65535", "must be between 10 and 86400", "aria-invalid=\"true\"",
                "value=\"not an address\"", "value=\"70000\"").doesNotContain("s3cret-page-password");
        Map<String, String> notANumber = form(MailboxApiTest.address());
        notANumber.put("imap_port", "nine-nine-three");
        assertThat(admin.post("/admin/mailboxes", notANumber, "/admin/mailboxes/new").body())
                .contains("is not a whole number", "value=\"nine-nine-three\"");
        Map<String, String> noPassword = form(MailboxApiTest.address());
        noPassword.put("password", "");
        assertThat(admin.post("/admin/mailboxes", noPassword, "/admin/mailboxes/new").body())
                .contains("is required for a new mailbox");

        String taken = MailboxApiTest.address();
        assertThat(admin.post("/admin/mailboxes", form(taken), "/admin/mailboxes/new").statusCode()).isEqualTo(302);
        HttpResponse<String> again = admin.post("/admin/mailboxes", form(taken.toUpperCase()), "/admin/mailboxes/new");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("Another mailbox already reads");
        assertThat(jdbc.sql("select count(*) from mailboxes where address_normalized = ?").param(taken)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void testConnectionSignsInReadsNothingAndSaysInPlainWordsWhatFailed() throws Exception {
        String login = "test" + UUID.randomUUID().toString().substring(0, 8);
        String address = login + "@switchboard.test";
        GreenMailUser user = greenMail.setUser(address, login, "imap-password");
        user.deliver(com.icegreen.greenmail.util.GreenMailUtil.newMimeMessage(new ByteArrayInputStream(
                mail(email("early"), "Waiting", "Already there").getBytes(StandardCharsets.UTF_8))));
        WebSession admin = adminSession();
        Map<String, String> settings = form(address);
        settings.put("imap_host", "127.0.0.1");
        settings.put("imap_port", String.valueOf(greenMail.getImap().getPort()));
        settings.put("security", "none");
        settings.put("username", login);
        settings.put("password", "imap-password");

        HttpResponse<String> ok = admin.post("/admin/mailboxes/test", settings, "/admin/mailboxes/new");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Connected.", "The folder has 1 messages, 1 of them unread",
                "value=\"" + address + "\"").doesNotContain("imap-password");
        List<StoredMessage> onServer = greenMail.getManagers().getImapHostManager().getInbox(user).getMessages();
        assertThat(onServer).noneMatch(m -> m.isSet(Flags.Flag.SEEN));
        assertThat(jdbc.sql("select count(*) from mailboxes where address = ?").param(address).query(Long.class).single())
                .as("testing saves nothing").isZero();

        Map<String, String> htmx = Map.of("HX-Request", "true");
        HttpResponse<String> fragment = admin.post("/admin/mailboxes/test", settings, "/admin/mailboxes/new", htmx);
        assertThat(fragment.body()).contains("Connected.").doesNotContain("<html", "<form");

        settings.put("password", "wrong-password");
        assertThat(admin.post("/admin/mailboxes/test", settings, "/admin/mailboxes/new", htmx).body())
                .contains("Wrong username or password.", "user &#39;" + login + "&#39;");
        settings.put("password", "imap-password");
        settings.put("folder", "Archive/2026");
        assertThat(admin.post("/admin/mailboxes/test", settings, "/admin/mailboxes/new", htmx).body())
                .contains("Folder not found.", "There is no folder &#39;Archive/2026&#39;", "INBOX");
        settings.put("folder", "INBOX");
        settings.put("security", "ssl");
        assertThat(admin.post("/admin/mailboxes/test", settings, "/admin/mailboxes/new", htmx).body())
                .contains("TLS failure.");
        settings.put("security", "none");
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        settings.put("imap_port", String.valueOf(closed));
        assertThat(admin.post("/admin/mailboxes/test", settings, "/admin/mailboxes/new", htmx).body())
                .contains("Host unreachable.", "127.0.0.1:" + closed);
        settings.put("imap_host", "bad host!");
        settings.put("password", "");
        assertThat(admin.post("/admin/mailboxes/test", settings, "/admin/mailboxes/new", htmx).body())
                .contains("IMAP host: is not a host name", "Password: type the password to test a new mailbox");

        // a saved mailbox is tested with the settings as typed, and its stored password when none is typed
        settings.put("imap_host", "127.0.0.1");
        settings.put("imap_port", String.valueOf(greenMail.getImap().getPort()));
        settings.put("password", "imap-password");
        assertThat(admin.post("/admin/mailboxes", settings, "/admin/mailboxes/new").statusCode()).isEqualTo(302);
        long id = mailboxId(address);
        settings.put("password", "");
        assertThat(admin.post("/admin/mailboxes/" + id + "/test", settings, "/admin/mailboxes/" + id, htmx).body())
                .contains("Connected.");
        Api.Reply viaApi = admin().post("/api/v1/mailboxes/" + id + "/test", Map.of());
        assertThat(viaApi.status()).as(viaApi.body()).isEqualTo(200);
        assertThat(viaApi.json().get("ok").asBoolean()).isTrue();
        assertThat(viaApi.json().get("messages").asInt()).isEqualTo(1);
        admin().patch("/api/v1/mailboxes/" + id, Map.of("password", "changed-wrong"));
        Api.Reply refused = admin().post("/api/v1/mailboxes/" + id + "/test", Map.of());
        assertThat(refused.json().get("ok").asBoolean()).isFalse();
        assertThat(refused.text("problem")).isEqualTo("wrong_password");
        assertThat(admin().get("/api/v1/mailboxes/" + id).json().get("last_polled_at").isNull())
                .as("a test is not a poll").isTrue();
    }

    @Test
    void theQuarantinePageRetriesAndDiscardsWithAReasonAndTheRecordStays() {
        WebSession admin = adminSession();
        String subject = "No sender " + UUID.randomUUID();
        String raw = "Subject: " + subject + "\r\nMessage-ID: " + messageId() + "\r\n\r\nwho sent this?\r\n";
        IngestResult broken = ingest(raw);
        String unknown = "<lost-" + UUID.randomUUID() + "@switchboard.test>";
        IngestResult bounce = ingest(BounceAndQuarantineTest.dsn(unknown, "someone@example.com"));
        assertThat(broken.status()).isEqualTo(InboundStatus.QUARANTINED);
        assertThat(bounce.status()).isEqualTo(InboundStatus.QUARANTINED);

        String page = admin.get("/admin/email/quarantine").body();
        assertThat(page).contains(subject, "no sender", "Undelivered Mail Returned to Sender",
                "MAILER-DAEMON@mx.example.net", "/admin/email/quarantine/" + broken.id() + "/raw", "Retry inbound email "
                        + broken.id(), "for=\"reason-" + broken.id() + "\"");
        HttpResponse<String> original = admin.get("/admin/email/quarantine/" + broken.id() + "/raw");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.headers().firstValue("Content-Type").orElseThrow()).startsWith("message/rfc822");
        assertThat(original.body()).isEqualTo(raw);

        assertThat(admin.post("/admin/email/quarantine/" + broken.id() + "/retry", Map.of(), "/admin/email/quarantine")
                .statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/email/quarantine").body()).contains("Inbound email " + broken.id() + " still fails:");

        long ticket = ingest(mail(email("later"), "Later", "hi")).ticketId();
        threads.remember(unknown, ticket, null, true);
        admin.post("/admin/email/quarantine/" + bounce.id() + "/retry", Map.of(), "/admin/email/quarantine");
        assertThat(admin.get("/admin/email/quarantine").body()).contains("Inbound email " + bounce.id()
                + " was processed and is now on", "href=\"/tickets/" + ticket + "\"");

        admin.post("/admin/email/quarantine/" + broken.id() + "/discard", Map.of("reason", " "), "/admin/email/quarantine");
        assertThat(admin.get("/admin/email/quarantine").body()).contains("was not discarded", "is required");
        assertThat(inbound(broken.id()).get("status")).isEqualTo("quarantined");
        admin.post("/admin/email/quarantine/" + broken.id() + "/discard", Map.of("reason", "Spam from a bot"),
                "/admin/email/quarantine");
        assertThat(admin.get("/admin/email/quarantine").body()).contains("Inbound email " + broken.id() + " discarded.")
                .doesNotContain(subject);
        assertThat(admin.get("/admin/email/quarantine?view=discarded").body()).contains(subject, "Spam from a bot",
                "by Administrator", "It had failed:");

        Api.Reply record = admin().get("/api/v1/email/quarantine/" + broken.id());
        assertThat(record.text("status")).isEqualTo("discarded");
        assertThat(record.text("discard_reason")).isEqualTo("Spam from a bot");
        assertThat(record.text("subject")).isEqualTo(subject);
        assertThat(admin().get("/api/v1/email/quarantine/" + broken.id() + "/raw").status()).isEqualTo(410);
        assertThat(admin.get("/admin/email/quarantine/" + broken.id() + "/raw").statusCode()).isEqualTo(410);
        assertThat(jdbc.sql("select raw from inbound_emails where id = ?").param(broken.id()).query(byte[].class).single())
                .as("the original is erased").isEmpty();
        assertThat(ingest(raw).status()).as("the same message again is known, not quarantined again")
                .isEqualTo(InboundStatus.DUPLICATE);
        assertThat(audit("inbound_email", broken.id())).containsExactly("retried:", "changed:status");
        assertThat(audit("inbound_email", bounce.id())).containsExactly("retried:");
    }

    @Test
    void everyEmailAdminPageSpeaksEnglishAndRussianWithNoTextMissing() {
        long id = admin().post("/api/v1/mailboxes", MailboxApiTest.mailbox(MailboxApiTest.address())).id();
        ingest("Subject: lang\r\nMessage-ID: " + messageId() + "\r\n\r\nno sender\r\n");
        String[] pages = {"/admin", "/admin/mailboxes", "/admin/mailboxes/new", "/admin/mailboxes/" + id,
                "/admin/mailboxes/" + id + "/delete", "/admin/email/quarantine", "/admin/email/quarantine?view=discarded",
                "/admin/email/quarantine?view=duplicate"};
        WebSession english = adminSession();
        WebSession russian = russianAdmin();
        for (String page : pages) {
            HttpResponse<String> en = english.get(page);
            HttpResponse<String> ru = russian.get(page);
            assertThat(en.statusCode()).as(page).isEqualTo(200);
            assertThat(ru.statusCode()).as(page).isEqualTo(200);
            assertThat(en.body()).as(page).doesNotContain("??").contains("lang=\"en\"");
            assertThat(ru.body()).as(page).doesNotContain("??").contains("lang=\"ru\"", "Разделы администрирования");
        }
        assertThat(russian.get("/admin/mailboxes").body()).contains("Почтовые ящики", "Добавить ящик", "работает");
        assertThat(russian.get("/admin/email/quarantine").body()).contains("Карантин почты", "Скачать оригинал");
    }

    @Test
    void everyEmailAdminPageRefusesAgentsAndCustomers() {
        long id = admin().post("/api/v1/mailboxes", MailboxApiTest.mailbox(MailboxApiTest.address())).id();
        IngestResult quarantined = ingest("Subject: x\r\nMessage-ID: " + messageId() + "\r\n\r\nno sender\r\n");
        String[] pages = {"/admin/mailboxes", "/admin/mailboxes/new", "/admin/mailboxes/" + id,
                "/admin/mailboxes/" + id + "/delete", "/admin/email/quarantine",
                "/admin/email/quarantine/" + quarantined.id() + "/raw"};
        String[] posts = {"/admin/mailboxes", "/admin/mailboxes/" + id, "/admin/mailboxes/" + id + "/pause",
                "/admin/mailboxes/" + id + "/delete", "/admin/mailboxes/test", "/admin/mailboxes/" + id + "/test",
                "/admin/email/quarantine/" + quarantined.id() + "/retry",
                "/admin/email/quarantine/" + quarantined.id() + "/discard"};
        for (String role : new String[] {"agent", "customer"}) {
            String address = email(role);
            admin().post("/api/v1/users", Map.of("name", role, "email", address, "role", role, "password", "password-" + role));
            WebSession session = new WebSession(port);
            session.signIn(address, "password-" + role);
            String home = role.equals("agent") ? "/tickets" : "/portal";
            for (String page : pages) {
                assertThat(session.get(page).statusCode()).as(role + " " + page).isEqualTo(403);
            }
            for (String post : posts) {
                assertThat(session.post(post, Map.of("reason", "mine now", "address", email("x")), home).statusCode())
                        .as(role + " POST " + post).isEqualTo(403);
            }
        }
        assertThat(admin().get("/api/v1/mailboxes/" + id).json().get("active").asBoolean()).isTrue();
        assertThat(inbound(quarantined.id()).get("status")).isEqualTo("quarantined");
    }
}
