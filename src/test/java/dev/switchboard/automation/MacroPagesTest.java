package dev.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The macros page: agents keep their own, admins the shared ones, and no one reaches anyone else's. */
class MacroPagesTest extends IntegrationTest {

    @Autowired
    AuditTrail audit;

    private record Agent(WebSession pages, Api api, long id) {
    }

    private Agent agent() {
        String email = email("agent");
        Api api = newUser("agent", null, email);
        WebSession pages = new WebSession(port);
        pages.signIn(email, "password-agent");
        return new Agent(pages, api, userId(api));
    }

    private static List<Map.Entry<String, String>> form(String... pairs) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return fields;
    }

    private long macroNamed(Api api, String name) {
        for (JsonNode m : api.get("/api/v1/macros").json().get("items")) {
            if (m.get("name").asString().equals(name)) {
                return m.get("id").asLong();
            }
        }
        throw new AssertionError("no macro " + name);
    }

    @Test
    void anAgentMakesChangesAndDeletesTheirOwnMacroThroughThePage() {
        Agent agent = agent();
        String name = "Ask for logs " + UUID.randomUUID();
        assertThat(agent.pages().get("/macros").statusCode()).isEqualTo(200);
        String blank = agent.pages().get("/macros/new").body();
        assertThat(blank).contains("{{requester.name}}").contains("name=\"action_body\"").doesNotContain("id=\"macro-shared\"");

        HttpResponse<String> refused = agent.pages().post("/macros", form("name", name,
                "action_type", "reply", "action_body", "Hi {{requester.password}}", "action_value", "",
                "action_type", "set_status", "action_body", "", "action_value", "pending"), "/macros/new");
        assertThat(refused.statusCode()).isEqualTo(200);
        String page = refused.body();
        assertThat(page).contains("The macro was not saved");
        int body = page.indexOf("Hi {{requester.password}}");
        assertThat(body).isPositive();
        assertThat(page.substring(body, page.indexOf("</label>", body))).contains("class=\"field-error\"")
                .contains("the template does not render");

        HttpResponse<String> saved = agent.pages().post("/macros", form("name", name,
                "action_type", "reply", "action_body", "Hi {{requester.name}}, please send the logs.", "action_value", "",
                "action_type", "set_status", "action_body", "", "action_value", "pending",
                "action_type", "add_tags", "action_body", "", "action_value", "logs, waiting",
                "action_type", "set_assignee", "action_body", "", "action_value", ""), "/macros/new");
        assertThat(saved.statusCode()).isEqualTo(302);
        long id = macroNamed(agent.api(), name);
        JsonNode macro = agent.api().get("/api/v1/macros/" + id).json();
        assertThat(macro.get("owner_id").asLong()).isEqualTo(agent.id());
        JsonNode actions = macro.get("actions");
        assertThat(actions).hasSize(4);
        assertThat(actions.get(0).get("body").asString()).isEqualTo("Hi {{requester.name}}, please send the logs.");
        assertThat(actions.get(1).get("value").asString()).isEqualTo("pending");
        assertThat(actions.get(2).get("value").toString()).isEqualTo("[\"logs\",\"waiting\"]");
        assertThat(actions.get(3).get("value").isNull()).isTrue();

        String list = agent.pages().get("/macros").body();
        assertThat(list).contains(name).contains("Status → Pending").contains("Add tags: logs, waiting")
                .contains("Assignee → nobody").contains("id=\"edit-macro-" + id + "\"");
        String edit = agent.pages().get("/macros/" + id).body();
        assertThat(edit).contains("Hi {{requester.name}}, please send the logs.").contains("value=\"logs, waiting\"");

        assertThat(agent.pages().post("/macros/" + id, form("name", name + " v2",
                "action_type", "note", "action_body", "Asked for logs", "action_value", ""), "/macros/" + id).statusCode())
                .isEqualTo(302);
        assertThat(agent.api().get("/api/v1/macros/" + id).json().get("actions")).hasSize(1);
        assertThat(agent.pages().post("/macros/" + id + "/delete", Map.of(), "/macros").statusCode()).isEqualTo(302);
        assertThat(agent.api().get("/api/v1/macros/" + id).status()).isEqualTo(404);
        assertThat(audit.of("macro", id)).extracting(e -> e.field() == null ? e.action() : e.field())
                .contains("created", "name", "actions", "deleted");
    }

    @Test
    void adminsKeepTheSharedMacrosAndAgentsCannotTouchThemOrEachOthers() {
        WebSession admin = adminSession();
        String sharedName = "Shared " + UUID.randomUUID();
        assertThat(admin.get("/macros/new").body()).contains("id=\"macro-shared\"");
        assertThat(admin.post("/macros", form("name", sharedName, "shared", "on",
                "action_type", "set_priority", "action_body", "", "action_value", "high"), "/macros/new").statusCode())
                .isEqualTo(302);
        long shared = macroNamed(admin(), sharedName);
        assertThat(admin().get("/api/v1/macros/" + shared).json().get("owner_id").isNull()).isTrue();

        Agent agent = agent();
        Agent other = agent();
        long mine = agent.api().post("/api/v1/macros", Map.of("name", "Mine " + UUID.randomUUID(), "actions",
                List.of(Map.of("type", "note", "body", "checked")))).id();

        String list = other.pages().get("/macros").body();
        assertThat(list).contains(sharedName).contains("changed by admins").doesNotContain("id=\"edit-macro-" + shared + "\"")
                .doesNotContain("macro-" + mine + "\"");
        assertThat(other.pages().get("/macros/" + shared).statusCode()).isEqualTo(403);
        assertThat(other.pages().post("/macros/" + shared, form("name", "Taken over",
                "action_type", "set_priority", "action_body", "", "action_value", "low"), "/macros").statusCode())
                .isEqualTo(403);
        assertThat(other.pages().post("/macros/" + shared + "/delete", Map.of(), "/macros").statusCode()).isEqualTo(403);
        assertThat(other.pages().get("/macros/" + mine).statusCode()).isEqualTo(404);
        assertThat(other.pages().post("/macros/" + mine, form("name", "Taken over",
                "action_type", "note", "action_body", "x", "action_value", ""), "/macros").statusCode()).isEqualTo(404);
        assertThat(other.pages().post("/macros/" + mine + "/delete", Map.of(), "/macros").statusCode()).isEqualTo(404);
        assertThat(admin().get("/api/v1/macros/" + shared).text("name")).isEqualTo(sharedName);
        assertThat(agent.api().get("/api/v1/macros/" + mine).status()).isEqualTo(200);

        String sneaky = "Sneaky " + UUID.randomUUID();
        HttpResponse<String> refused = other.pages().post("/macros", form("name", sneaky, "shared", "on",
                "action_type", "set_priority", "action_body", "", "action_value", "low"), "/macros/new");
        assertThat(refused.body()).contains("Only admins make shared macros");
        assertThat(other.api().get("/api/v1/macros").body()).doesNotContain(sneaky);
    }

    @Test
    void customersAreRefusedTheMacrosPages() {
        String email = email("customer");
        newUser("customer", null, email);
        WebSession customer = new WebSession(port);
        customer.signIn(email, "password-customer");
        for (String page : List.of("/macros", "/macros/new", "/macros/action-row?action_type=reply")) {
            assertThat(customer.get(page).statusCode()).as(page).isEqualTo(403);
        }
        assertThat(customer.post("/macros", form("name", "x", "action_type", "note", "action_body", "x",
                "action_value", ""), "/account").statusCode()).isEqualTo(403);
        assertThat(customer.get("/account").body()).doesNotContain("href=\"/macros\"");
    }

    @Test
    void actionRowsComeFromTheServerForHtmx() {
        Agent agent = agent();
        assertThat(agent.pages().get("/macros/action-row?action_type=note").body())
                .contains("name=\"action_body\"").contains("{{ticket.subject}}").doesNotContain("<html");
        assertThat(agent.pages().get("/macros/action-row?action_type=set_status").body())
                .contains("<select name=\"action_value\"").contains("value=\"pending\"");
        assertThat(agent.pages().get("/macros/removed-row").body()).isEmpty();
    }
}
