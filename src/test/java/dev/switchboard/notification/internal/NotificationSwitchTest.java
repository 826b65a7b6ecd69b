package dev.switchboard.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Admins turn automatic notifications off (a trigger's auto-reply in place of the confirmation) and on again. */
class NotificationSwitchTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void everythingOnAgain() {
        for (String key : List.of("ticket_created", "ticket_assigned", "ticket_pending", "ticket_resolved")) {
            admin().patch("/api/v1/notification-settings/" + key, Map.of("enabled", true));
        }
    }

    List<JsonNode> mails(long ticketId, String kind) {
        JsonNode items = admin().get("/api/v1/outbox?ticket_id=" + ticketId + "&limit=100").json().get("items");
        return StreamSupport.stream(items.spliterator(), false).filter(i -> kind.equals(i.get("kind").asString())).toList();
    }

    @Test
    void aConfirmationTurnedOffIsNotSentUntilTurnedOnAgainAndBothChangesAreAudited() {
        Api agent = newUser("agent");
        Api.Reply off = admin().patch("/api/v1/notification-settings/ticket_created", Map.of("enabled", false));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();

        long quiet = openTicket(agent, email("quiet"), "No confirmation").id();
        assertThat(mails(quiet, "ticket_created")).isEmpty();
        JsonNode settings = admin().get("/api/v1/notification-settings").json().get("items");
        assertThat(settings.toString()).contains("{\"key\":\"ticket_created\",\"enabled\":false,\"switchable\":true}",
                "{\"key\":\"agent_reply\",\"enabled\":true,\"switchable\":false}");

        assertThat(admin().patch("/api/v1/notification-settings/ticket_created", Map.of("enabled", true)).status())
                .isEqualTo(200);
        long heard = openTicket(agent, email("heard"), "Confirmed again").id();
        assertThat(mails(heard, "ticket_created")).hasSize(1);
        assertThat(jdbc.sql("select old_value || '>' || new_value from audit_events where field = ? order by id")
                .param("ticket_created/enabled").query(String.class).list()).containsExactly("true>false", "false>true");
    }

    @Test
    void repliesAndAccountMailCannotBeTurnedOffAndOnlyAdminsSwitchAnything() {
        Api.Reply reply = admin().patch("/api/v1/notification-settings/agent_reply", Map.of("enabled", false));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("enabled", "agents' replies");
        assertThat(admin().patch("/api/v1/notification-settings/account_reset", Map.of("enabled", false)).status())
                .isEqualTo(422);
        assertThat(admin().patch("/api/v1/notification-settings/no_such", Map.of("enabled", false)).status())
                .isEqualTo(404);
        assertThat(admin().patch("/api/v1/notification-settings/ticket_created", Map.of()).status()).isEqualTo(422);

        assertThat(newUser("agent").patch("/api/v1/notification-settings/ticket_created", Map.of("enabled", false))
                .status()).isEqualTo(403);
        assertThat(newUser("customer").get("/api/v1/notification-settings").status()).isEqualTo(403);
        assertThat(admin().get("/api/v1/notification-settings").json().toString()).doesNotContain("\"enabled\":false");
    }

    @Test
    void theNotificationsPageTurnsTheResolvedNoticeOffAndSaysSo() {
        WebSession session = adminSession();
        HttpResponse<String> turned = session.post("/admin/notifications/ticket_resolved/switch",
                Map.of("enabled", "false"), "/admin/notifications");
        assertThat(turned.statusCode()).isEqualTo(302);
        String page = session.get("/admin/notifications").body();
        assertThat(page).contains("is no longer sent", "id=\"switch-ticket_resolved\"");
        assertThat(page.substring(page.indexOf("id=\"sent-ticket_resolved\""))).contains("Turn on");
        assertThat(admin().get("/api/v1/notification-settings").json().toString())
                .contains("{\"key\":\"ticket_resolved\",\"enabled\":false,\"switchable\":true}");

        Api agent = newUser("agent");
        long id = openTicket(agent, email("res"), "Resolve quietly").id();
        assertThat(patch(agent, id, Map.of("status", "resolved")).status()).isEqualTo(200);
        assertThat(mails(id, "ticket_resolved")).isEmpty();

        WebSession agentSession = new WebSession(port);
        agentSession.signIn(agent.get("/api/v1/users/me").text("email"), "password-agent");
        assertThat(agentSession.post("/admin/notifications/ticket_resolved/switch", Map.of("enabled", "true"),
                "/tickets").statusCode()).isEqualTo(403);
    }
}
