package dev.switchboard.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.notification.OutboundMessage;
import dev.switchboard.notification.Outbox;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The outbox and notification template pages, through a browser-like session. The scripted channel (shared
 * with {@link OutboxDispatcherTest}, and with it the Spring context) fails and refuses on cue.
 */
@Import(OutboxDispatcherTest.ScriptedChannel.class)
class NotificationPagesTest extends IntegrationTest {

    private static final String RESOLVED_RU = "/admin/notifications/ticket_resolved/ru";

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    OutboxDispatcherTest.ScriptedChannel channel;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    long enqueue(String recipient, String subject) {
        return tx.execute(s -> outbox.enqueue(new OutboundMessage(OutboxDispatcherTest.ScriptedChannel.NAME, recipient,
                subject, "Body of " + subject, null, null, null, "test")));
    }

    List<String> audit(String type, long id) {
        return jdbc.sql("""
                        select action || ':' || coalesce(field, '') || ':' || coalesce(old_value, '') || '>' || coalesce(new_value, '')
                        from audit_events where subject_type = ? and subject_id = ? order by id""")
                .params(type, id).query(String.class).list();
    }

    @Test
    void theOutboxPageShowsWhatIsQueuedDeliveredFailingAndDeadAndADeadLetterCanBeRetried() {
        String failing = email("failing");
        String delivered = email("delivered");
        String dead = email("dead");
        String queued = email("queued");
        channel.fail(failing, 5);
        channel.refuse(dead);
        long failingId = enqueue(failing, "Will fail");
        long deliveredId = enqueue(delivered, "Will arrive");
        long deadId = enqueue(dead, "Will be refused");
        dispatcher.dispatch();
        long queuedId = enqueue(queued, "Not tried yet");
        WebSession admin = adminSession();

        String all = admin.get("/admin/outbox").body();
        assertThat(all).contains(failing, delivered, dead, queued, "scripted failure 1", "550 no such mailbox",
                "Queued (", "Failing (", "Dead (", "no more attempts")
                .doesNotContain("(null)");
        assertThat(all).containsPattern("Dead \\([1-9][0-9]*\\)");
        assertThat(admin.get("/admin/outbox?state=failing").body()).contains(failing)
                .doesNotContain(delivered, dead, queued);
        assertThat(admin.get("/admin/outbox?state=queued").body()).contains(queued)
                .doesNotContain(delivered, dead, failing);
        assertThat(admin.get("/admin/outbox?state=sent").body()).contains(delivered)
                .doesNotContain(queued, dead, failing);
        String deadLetters = admin.get("/admin/outbox?state=dead").body();
        assertThat(deadLetters).contains(dead, "Retry item " + deadId).doesNotContain(queued, delivered, failing);
        assertThat(admin.get("/admin/outbox?state=dead&channel=email").body()).doesNotContain(dead);
        assertThat(admin.get("/admin/outbox?channel=scripted").body()).contains(dead, queued);
        assertThat(admin.get("/admin/outbox?state=nonsense").statusCode()).isEqualTo(200);
        String item = admin.get("/admin/outbox/" + failingId).body();
        assertThat(item).contains(failing, "Body of Will fail", "scripted failure 1", "Next attempt");
        assertThat(admin.get("/admin/outbox/999999").statusCode()).isEqualTo(404);
        assertThat(ids(admin().get("/api/v1/outbox?status=failing&channel=scripted&limit=100"))).contains(failingId)
                .doesNotContain(queuedId, deliveredId, deadId);
        assertThat(ids(admin().get("/api/v1/outbox?status=queued&limit=100"))).contains(queuedId).doesNotContain(failingId);

        HttpResponse<String> retried = admin.post("/admin/outbox/" + deadId + "/retry", Map.of(), "/admin/outbox?state=dead");
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/outbox?state=dead").body()).contains("Item " + deadId + " to " + dead + " is queued again");
        JsonNode again = admin().get("/api/v1/outbox/" + deadId).json();
        assertThat(again.get("status").asString()).isEqualTo("pending");
        assertThat(again.get("attempts").asInt()).isZero();
        assertThat(audit("outbox", deadId)).singleElement().asString().startsWith("changed:status:dead>pending");
        admin.post("/admin/outbox/" + deliveredId + "/retry", Map.of(), "/admin/outbox");
        assertThat(admin.get("/admin/outbox?state=dead").body()).contains("only dead items can be retried");
        assertThat(audit("outbox", deliveredId)).isEmpty();
    }

    @Test
    void mailsQueuedTogetherCountTheOnesBeforeThemAgainstTheHourlyCapInTheOrderTheyWereQueued() {
        String flooding = email("flooding");
        String other = email("other");
        // one transaction, as for new tickets sharing a commit: the four go as one statement
        tx.executeWithoutResult(s -> {
            for (String recipient : List.of(flooding, other, flooding, flooding)) {
                outbox.addWithinHourlyCap(new OutboundMessage(OutboxDispatcherTest.ScriptedChannel.NAME, recipient,
                        "Together", "Body", null, null, null, "test_capped"), 2);
            }
        });

        assertThat(jdbc.sql("select status from outbox where recipient = ? order by id").param(flooding)
                .query(String.class).list()).containsExactly("pending", "pending", "held");
        assertThat(jdbc.sql("select status from outbox where recipient = ?").param(other).query(String.class).list())
                .containsExactly("pending");
    }

    @Test
    void aMailHeldOverItsHourlyCapIsListedWithItsReasonAndAnAdminSendsItAnyway() {
        String flooding = email("flooding");
        for (int i = 0; i < 2; i++) {
            OutboundMessage automatic = new OutboundMessage(OutboxDispatcherTest.ScriptedChannel.NAME, flooding,
                    "Automatic " + i, "Body", null, null, null, "test_capped");
            tx.executeWithoutResult(s -> outbox.addWithinHourlyCap(automatic, 1));
        }
        long heldId = jdbc.sql("select id from outbox where recipient = ? and status = 'held'").param(flooding)
                .query(Long.class).single();
        WebSession admin = adminSession();

        String held = admin.get("/admin/outbox?state=held").body();
        assertThat(held).contains(flooding, "held back: " + flooding + " already got 1 test_capped mails in the past hour",
                "Send item " + heldId + " to " + flooding + " anyway");
        assertThat(admin.get("/admin/outbox?state=queued").body()).doesNotContain("Automatic 1");

        HttpResponse<String> sent = admin.post("/admin/outbox/" + heldId + "/retry", Map.of("back", "held"),
                "/admin/outbox?state=held");
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/admin/outbox?state=held");
        assertThat(admin.get("/admin/outbox?state=held").body()).contains("Item " + heldId + " to " + flooding + " is queued again");
        assertThat(admin().get("/api/v1/outbox/" + heldId).json().get("status").asString()).isEqualTo("pending");
        assertThat(audit("outbox", heldId)).singleElement().asString().startsWith("changed:status:held>pending");
    }

    @Test
    void anAdminEditsPreviewsAndResetsATemplateOnThePagesAndEachChangeIsAudited() {
        WebSession admin = adminSession();
        try {
            String index = admin.get("/admin/notifications").body();
            assertThat(index).contains("New ticket confirmation", "Agent reply", "Password reset link",
                    "href=\"" + RESOLVED_RU + "\"", "href=\"/admin/notifications/agent_reply/en\"");
            String editor = admin.get(RESOLVED_RU).body();
            assertThat(editor).contains("for=\"subject\"", "for=\"text\"", "for=\"html\"", "{{ticket.subject}}",
                    "{{agent.name}}", "the ticket number", "This is the default", "name=\"template-preview\"",
                    "formtarget=\"template-preview\"").doesNotContain("{{message.text}}");
            assertThat(admin.get("/admin/notifications/agent_reply/en").body()).contains("{{{message.html}}}",
                    "{{message.text}}");

            Map<String, String> broken = Map.of("subject", "Решено: {{ticket.subject}}", "text", "Код {{ticket.secret}}",
                    "html", "<p>{{{ticket.subject}}}</p>");
            HttpResponse<String> refused = admin.post(RESOLVED_RU, broken, RESOLVED_RU);
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("Not saved", "unknown placeholders {{ticket.secret}}", "unescaped",
                    "Код {{ticket.secret}}", "aria-invalid=\"true\"");
            assertThat(admin().get("/api/v1/notification-templates/ticket_resolved/ru").json().get("overridden")
                    .asBoolean()).isFalse();

            Map<String, String> draft = Map.of("subject", "Готово: {{ticket.subject}}",
                    "text", "{{recipient.name}}, заявка №{{ticket.id}} решена ({{ticket.status}}).",
                    "html", "<p style=\"color: #060\">{{recipient.name}}, заявка <b>№{{ticket.id}}</b> решена.</p>");
            HttpResponse<String> preview = admin.post(RESOLVED_RU + "/preview", draft, RESOLVED_RU);
            assertThat(preview.statusCode()).isEqualTo(200);
            assertThat(preview.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("sandbox", "frame-ancestors 'self'").doesNotContain("script-src");
            assertThat(preview.body()).contains("Готово: Принтер горит &amp; дымит", "Борис Примеров, заявка №42 решена (открыта).",
                    "<p style=\"color: #060\">Борис Примеров, заявка <b>№42</b> решена.</p>");
            assertThat(admin().get("/api/v1/notification-templates/ticket_resolved/ru").json().get("overridden")
                    .asBoolean()).as("a preview saves nothing").isFalse();
            assertThat(admin.post(RESOLVED_RU + "/preview", broken, RESOLVED_RU).body())
                    .contains("This template cannot be shown", "{{ticket.secret}}");
            assertThat(admin.get(RESOLVED_RU + "/preview").body()).contains("Принтер горит &amp; дымит");

            HttpResponse<String> saved = admin.post(RESOLVED_RU, draft, RESOLVED_RU);
            assertThat(saved.statusCode()).isEqualTo(302);
            assertThat(admin.get(RESOLVED_RU).body()).contains("Saved.", "Changed by an admin", "Reset to the default");
            JsonNode stored = admin().get("/api/v1/notification-templates/ticket_resolved/ru").json();
            assertThat(stored.get("overridden").asBoolean()).isTrue();
            assertThat(stored.get("subject").asString()).isEqualTo("Готово: {{ticket.subject}}");
            assertThat(admin.get("/admin/notifications").body()).contains("changed ");
            List<String> lines = templateAudit();
            assertThat(lines).anyMatch(l -> l.startsWith("changed:ticket_resolved/ru/subject:") && l.endsWith(">Готово: {{ticket.subject}}"));
            assertThat(lines).anyMatch(l -> l.startsWith("changed:ticket_resolved/ru/text:"));
            assertThat(lines).anyMatch(l -> l.startsWith("changed:ticket_resolved/ru/html:"));

            assertThat(admin.post(RESOLVED_RU + "/reset", Map.of(), RESOLVED_RU).statusCode()).isEqualTo(302);
            assertThat(admin.get(RESOLVED_RU).body()).contains("the default is used again", "This is the default");
            assertThat(admin().get("/api/v1/notification-templates/ticket_resolved/ru").json().get("overridden")
                    .asBoolean()).isFalse();
            assertThat(templateAudit()).last().asString().startsWith("reset::");
            assertThat(admin.get("/admin/notifications/ticket_gone/ru").statusCode()).isEqualTo(404);
            assertThat(admin.get("/admin/notifications/ticket_resolved/de").statusCode()).isEqualTo(404);
        } finally {
            admin().delete("/api/v1/notification-templates/ticket_resolved/ru");
        }
    }

    @Test
    void templateChangesThroughTheApiAreAuditedToo() {
        String path = "/api/v1/notification-templates/ticket_assigned/en";
        int before = templateAudit().size();
        try {
            Api.Reply saved = admin().send("PUT", path, Map.of("subject", "Yours now: {{ticket.subject}}",
                    "text", "{{agent.name}} gave you #{{ticket.id}}.", "html", "<p>{{agent.name}} gave you #{{ticket.id}}.</p>"),
                    "application/json");
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            List<String> lines = templateAudit().subList(before, templateAudit().size());
            assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("changed:ticket_assigned/en/"));
            assertThat(jdbc.sql("select actor_user_id from audit_events where subject_type = 'notification_template' order by id desc limit 1")
                    .query(Long.class).single()).isEqualTo(userId(admin()));
        } finally {
            assertThat(admin().delete(path).status()).isEqualTo(204);
        }
        assertThat(templateAudit()).last().asString().startsWith("reset::");
        int afterReset = templateAudit().size();
        assertThat(admin().delete(path).status()).isEqualTo(204);
        assertThat(templateAudit()).as("resetting a default changes nothing").hasSize(afterReset);
    }

    @Test
    void everyOutboxAndTemplatePageSpeaksEnglishAndRussianWithNoTextMissing() {
        long id = enqueue(email("lang"), "Language check");
        List<String> pages = new ArrayList<>(List.of("/admin/outbox", "/admin/outbox?state=queued", "/admin/outbox/" + id,
                "/admin/notifications"));
        for (TemplateKey key : TemplateKey.values()) {
            for (String locale : NotificationTemplates.LOCALES) {
                pages.add("/admin/notifications/" + key.code() + "/" + locale);
                pages.add("/admin/notifications/" + key.code() + "/" + locale + "/preview");
            }
        }
        WebSession english = adminSession();
        WebSession russian = russianAdmin();
        for (String page : pages) {
            HttpResponse<String> en = english.get(page);
            HttpResponse<String> ru = russian.get(page);
            assertThat(en.statusCode()).as(page).isEqualTo(200);
            assertThat(ru.statusCode()).as(page).isEqualTo(200);
            assertThat(en.body()).as(page).doesNotContain("??", "cannot be shown");
            assertThat(ru.body()).as(page).doesNotContain("??", "не показать");
        }
        assertThat(russian.get("/admin/outbox").body()).contains("Исходящие", "В очереди (");
        assertThat(russian.get("/admin/notifications").body()).contains("Подтверждение новой заявки", "Изменить (русский)");
        assertThat(russian.get("/admin/notifications/ticket_created/ru/preview").body()).contains("Принтер горит &amp; дымит");
    }

    @Test
    void everyOutboxAndTemplatePageRefusesAgentsAndCustomers() {
        long deadId = enqueue(email("refused"), "Stays dead");
        jdbc.sql("update outbox set status = 'dead' where id = ?").param(deadId).update();
        String[] pages = {"/admin/outbox", "/admin/outbox?state=dead", "/admin/outbox/" + deadId, "/admin/notifications",
                RESOLVED_RU, RESOLVED_RU + "/preview"};
        String[] posts = {"/admin/outbox/" + deadId + "/retry", RESOLVED_RU, RESOLVED_RU + "/preview", RESOLVED_RU + "/reset"};
        for (String role : new String[] {"agent", "customer"}) {
            String address = email(role);
            admin().post("/api/v1/users", Map.of("name", role, "email", address, "role", role, "password", "password-" + role));
            WebSession session = new WebSession(port);
            session.signIn(address, "password-" + role);
            for (String page : pages) {
                assertThat(session.get(page).statusCode()).as(role + " " + page).isEqualTo(403);
            }
            for (String post : posts) {
                assertThat(session.post(post, Map.of("subject", "x", "text", "x", "html", "x"),
                        role.equals("agent") ? "/tickets" : "/portal").statusCode()).as(role + " POST " + post).isEqualTo(403);
            }
        }
        assertThat(admin().get("/api/v1/outbox/" + deadId).json().get("status").asString()).isEqualTo("dead");
        assertThat(admin().get("/api/v1/notification-templates/ticket_resolved/ru").json().get("overridden").asBoolean()).isFalse();
    }

    private List<String> templateAudit() {
        return jdbc.sql("""
                        select action || ':' || coalesce(field, '') || ':' || coalesce(old_value, '') || '>' || coalesce(new_value, '')
                        from audit_events where subject_type = 'notification_template' order by id""")
                .query(String.class).list();
    }

    private static List<Long> ids(Api.Reply page) {
        List<Long> ids = new ArrayList<>();
        page.json().get("items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }
}
