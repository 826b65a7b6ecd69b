package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Everyone's own settings page, and the availability switch in the header. */
class AccountPageTest extends IntegrationTest {

    @Autowired
    AuditTrail audit;

    private WebSession signedIn(String role, String email) {
        newUser(role, null, email);
        WebSession session = new WebSession(port);
        session.signIn(email, "password-" + role);
        return session;
    }

    @Test
    void anAgentSetsAvailabilityNotificationsAndLanguageOnTheirPage() {
        String email = email("agent");
        WebSession agent = signedIn("agent", email);
        Api api = anonymous().basic(email, "password-agent");
        long id = userId(api);

        String page = agent.get("/account").body();
        assertThat(page).contains("id=\"availability-away\"").contains("id=\"email-notifications\"")
                .contains("href=\"/account/tokens\"").contains(email);
        assertThat(agent.get("/tickets").body()).contains("href=\"/account\"").contains("id=\"availability-switch\"");

        HttpResponse<String> saved = agent.post("/account", Map.of("name", "Ann Away", "locale", "ru",
                "availability", "away"), "/account");
        assertThat(saved.statusCode()).isEqualTo(302);
        JsonNode me = api.get("/api/v1/users/me").json();
        assertThat(me.get("name").asString()).isEqualTo("Ann Away");
        assertThat(me.get("locale").asString()).isEqualTo("ru");
        assertThat(me.get("availability").asString()).isEqualTo("away");
        assertThat(me.get("email_notifications").asBoolean()).isFalse(); // the box was left unticked
        assertThat(agent.get("/account").body()).contains("Настройки сохранены.").contains("Ваша доступность");
        List<AuditEntry> trail = audit.of("user", id);
        assertThat(trail).extracting(AuditEntry::field).contains("name", "locale", "availability", "email_notifications");
        assertThat(trail).filteredOn(e -> "availability".equals(e.field())).allSatisfy(e ->
                assertThat(e.actorUserId()).isEqualTo(id));

        agent.post("/account", Map.of("name", "Ann Away", "locale", "en", "availability", "available",
                "emailNotifications", "true"), "/account");
        assertThat(api.get("/api/v1/users/me").json().get("email_notifications").asBoolean()).isTrue();

        HttpResponse<String> blank = agent.post("/account", Map.of("name", " ", "locale", "en"), "/account");
        assertThat(blank.statusCode()).isEqualTo(302);
        assertThat(agent.get("/account").body()).contains("name: must be 1 to 200 characters");
        assertThat(api.get("/api/v1/users/me").text("name")).isEqualTo("Ann Away");
    }

    @Test
    void theHeaderSwitchesAvailabilityAndGoesBackToThePage() {
        String email = email("agent");
        WebSession agent = signedIn("agent", email);
        Api api = anonymous().basic(email, "password-agent");
        HttpResponse<String> switched = agent.post("/account/availability", Map.of("availability", "offline"), "/tickets");
        assertThat(switched.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/users/me").text("availability")).isEqualTo("offline");
        String tickets = agent.get("/tickets").body();
        String header = tickets.substring(tickets.indexOf("id=\"availability-switch\""));
        assertThat(header.substring(0, header.indexOf("</select>"))).contains("value=\"offline\" selected");

        agent.post("/account/availability", Map.of("availability", "asleep"), "/tickets");
        assertThat(api.get("/api/v1/users/me").text("availability")).isEqualTo("offline");
        assertThat(agent.get("/account").body()).contains("Choose available, away or offline.");
    }

    @Test
    void customersSeeOnlyWhatAppliesToThem() {
        String email = email("customer");
        WebSession customer = signedIn("customer", email);
        Api api = anonymous().basic(email, "password-customer");
        String page = customer.get("/account").body();
        assertThat(page).doesNotContain("name=\"availability\"").doesNotContain("id=\"email-notifications\"")
                .contains("These emails are how the team reaches you").doesNotContain("id=\"availability-switch\"");

        customer.post("/account", Map.of("name", "Cleo", "locale", "ru", "availability", "away"), "/account");
        JsonNode me = api.get("/api/v1/users/me").json();
        assertThat(me.get("locale").asString()).isEqualTo("ru");
        assertThat(me.get("availability").asString()).isEqualTo("available");
        assertThat(me.get("email_notifications").asBoolean()).isTrue();
        assertThat(customer.post("/account/availability", Map.of("availability", "away"), "/account").statusCode())
                .isEqualTo(403);
        assertThat(customer.post("/account/tokens", Map.of("name", "my script"), "/account/tokens").statusCode())
                .isEqualTo(302);
        assertThat(customer.get("/account/tokens").body()).contains("Скопируйте новый токен сейчас.")
                .contains("my script").contains("Создать токен");
        HttpResponse<String> anonymous = new WebSession(port).get("/account");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).contains("/login");
    }
}
