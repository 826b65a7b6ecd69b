package dev.switchboard.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admins' side: template overrides and their checks, and who may see the outbox and templates at all. */
class NotificationAdminApiTest extends IntegrationTest {

    private static final String PENDING_EN = "/api/v1/notification-templates/ticket_pending/en";

    @Test
    void anAdminsTemplateIsUsedUntilItIsDeleted() {
        Map<String, Object> custom = Map.of("subject", "Over to you, {{recipient.name}} (#{{ticket.id}})",
                "text", "{{agent.name}} needs an answer on {{ticket.subject}}.",
                "html", "<p>{{agent.name}} needs an answer on <i>{{ticket.subject}}</i>.</p>");
        try {
            Api.Reply saved = admin().send("PUT", PENDING_EN, custom, "application/json");
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(saved.json().get("overridden").asBoolean()).isTrue();

            Api agent = newUser("agent");
            long id = openTicket(agent, email("req"), "Tom & Jerry").id();
            assertThat(patch(agent, id, Map.of("status", "pending")).status()).isEqualTo(200);
            JsonNode mail = pendingNotice(id);
            assertThat(mail.get("subject").asString()).isEqualTo("Over to you, Requester (#" + id + ")");
            assertThat(mail.get("text").asString()).endsWith("needs an answer on Tom & Jerry.");
            assertThat(mail.get("html").asString()).contains("<i>Tom &amp; Jerry</i>");
        } finally {
            assertThat(admin().delete(PENDING_EN).status()).isEqualTo(204);
        }
        JsonNode shipped = admin().get(PENDING_EN).json();
        assertThat(shipped.get("overridden").asBoolean()).isFalse();
        assertThat(shipped.get("subject").asString()).isEqualTo("We are waiting for your reply: {{ticket.subject}}");
        // the very next notice on this node is the shipped one again, without waiting for the templates' cache
        Api agent = newUser("agent");
        long after = openTicket(agent, email("req"), "Back to default").id();
        assertThat(patch(agent, after, Map.of("status", "pending")).status()).isEqualTo(200);
        assertThat(pendingNotice(after).get("subject").asString()).isEqualTo("We are waiting for your reply: Back to default");
        assertThat(admin().get("/api/v1/notification-templates").json().get("items")).hasSize(TemplateKey.values().length * 2);
    }

    @Test
    void templatesThatWouldNotRenderAreRefusedWith422() {
        assertRefused(Map.of("subject", "Hi", "text", "Your code is {{ticket.secret}}", "html", "<p>Hi</p>"),
                "text", "{{ticket.secret}}");
        assertRefused(Map.of("subject", "Hi {{#ticket.id}}", "text", "Hi", "html", "<p>Hi</p>"),
                "subject", "does not compile");
        assertRefused(Map.of("subject", "Hi", "text", "Hi", "html", "<p>{{{ticket.subject}}}</p>"),
                "html", "unescaped");
        assertRefused(Map.of("subject", "Hi", "text", "{{message.text}}", "html", "<p>Hi</p>"),
                "text", "{{message.text}}"); // only replies have a message
        assertRefused(Map.of("subject", "Hi", "text", "{{> footer}}", "html", "<p>Hi</p>"), "text", "partials");
        Api.Reply missing = admin().send("PUT", PENDING_EN, Map.of("subject", "Hi", "text", "Hi"), "application/json");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(admin().send("PUT", PENDING_EN, "{\"subject\": ", "application/json").status()).isEqualTo(400);
        assertThat(admin().get("/api/v1/notification-templates/ticket_gone/en").status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/notification-templates/ticket_pending/de").status()).isEqualTo(404);
        assertThat(admin().get(PENDING_EN).json().get("overridden").asBoolean()).isFalse();
    }

    @Test
    void onlyAdminsSeeTheOutboxAndTheTemplates() {
        for (Api caller : new Api[] {newUser("agent"), newUser("customer")}) {
            assertThat(caller.get("/api/v1/outbox?status=dead").status()).isEqualTo(403);
            assertThat(caller.get("/api/v1/outbox/1").status()).isEqualTo(403);
            assertThat(caller.post("/api/v1/outbox/1/retry", Map.of()).status()).isEqualTo(403);
            assertThat(caller.get("/api/v1/notification-templates").status()).isEqualTo(403);
            assertThat(caller.get(PENDING_EN).status()).isEqualTo(403);
            assertThat(caller.send("PUT", PENDING_EN, Map.of("subject", "x", "text", "x", "html", "x"),
                    "application/json").status()).isEqualTo(403);
            assertThat(caller.delete(PENDING_EN).status()).isEqualTo(403);
        }
        assertThat(anonymous().get("/api/v1/outbox").status()).isEqualTo(401);
        assertThat(admin().get("/api/v1/outbox?status=stuck").status()).isEqualTo(422);
        assertThat(admin().get("/api/v1/outbox?limit=0").status()).isEqualTo(422);
        assertThat(admin().get("/api/v1/outbox?cursor=bogus").status()).isEqualTo(422);
        assertThat(admin().get("/api/v1/outbox/abc").status()).isEqualTo(400);
        assertThat(admin().get("/api/v1/outbox/999999").status()).isEqualTo(404);
        assertThat(admin().post("/api/v1/outbox/999999/retry", Map.of()).status()).isEqualTo(404);
    }

    private void assertRefused(Map<String, Object> template, String field, String message) {
        Api.Reply reply = admin().send("PUT", PENDING_EN, template, "application/json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        JsonNode error = reply.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("message").asString()).contains(message);
    }

    private JsonNode pendingNotice(long ticketId) {
        for (JsonNode item : admin().get("/api/v1/outbox?ticket_id=" + ticketId).json().get("items")) {
            if (item.get("kind").asString().equals("ticket_pending")) {
                return item;
            }
        }
        throw new AssertionError("no pending notice for #" + ticketId);
    }
}
