package dev.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import dev.switchboard.support.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** Macros: kept shared or personal, previewed, applied through the API and from the ticket page. */
class MacrosTest extends IntegrationTest {

    private static final List<Map<String, Object>> ASK_FOR_LOGS = List.of(
            Map.of("type", "reply", "body", "Hi {{requester.name}}, please send the logs for #{{ticket.id}} ({{ticket.subject}}). — {{agent.name}}"),
            Map.of("type", "set_status", "value", "pending"),
            Map.of("type", "add_tags", "value", List.of("logs")));

    @Test
    void aMacroIsPreviewedThenAppliedThroughTheApiAndAStaleVersionIsRefused() {
        Api agent = newUser("agent");
        Api.Reply macro = agent.post("/api/v1/macros", Map.of("name", "Ask for logs", "actions", ASK_FOR_LOGS));
        assertThat(macro.status()).as(macro.body()).isEqualTo(201);
        long macroId = macro.id();
        long id = openTicket(agent, email("req"), "Printer jams").id();

        JsonNode preview = agent.get("/api/v1/tickets/" + id + "/macros/" + macroId + "/preview").json();
        assertThat(preview.get("messages").get(0).get("text").asString())
                .isEqualTo("Hi Requester, please send the logs for #" + id + " (Printer jams). — " + agent.get("/api/v1/users/me").text("name"));
        assertThat(preview.get("status").asString()).isEqualTo("pending");

        Api.Reply applied = agent.post("/api/v1/tickets/" + id + "/macros/" + macroId, Map.of("version", 0));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("status").asString()).isEqualTo("pending");
        assertThat(applied.json().get("tags").toString()).contains("logs");
        JsonNode messages = agent.get("/api/v1/tickets/" + id + "/messages").json().get("items");
        assertThat(messages.get(messages.size() - 1).get("body_text").asString()).startsWith("Hi Requester, please send the logs");
        assertThat(messages.get(messages.size() - 1).get("internal").asBoolean()).isFalse();

        Api.Reply stale = agent.post("/api/v1/tickets/" + id + "/macros/" + macroId, Map.of("version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(agent.post("/api/v1/tickets/" + id + "/macros/" + macroId, Map.of()).status()).isEqualTo(422);
    }

    @Test
    void personalMacrosAreTheirOwnersSharedOnesTheAdminsAndBadOnesAreRefused() {
        Api agent = newUser("agent");
        Api other = newUser("agent");
        long mine = agent.post("/api/v1/macros", Map.of("name", "Mine", "actions",
                List.of(Map.of("type", "note", "body", "checked")))).id();
        assertThat(other.get("/api/v1/macros/" + mine).status()).isEqualTo(404);
        assertThat(agent.post("/api/v1/macros", Map.of("name", "Everyone", "shared", true, "actions",
                List.of(Map.of("type", "set_priority", "value", "high")))).status()).isEqualTo(403);
        long shared = admin().post("/api/v1/macros", Map.of("name", "Everyone", "shared", true, "actions",
                List.of(Map.of("type", "set_priority", "value", "high")))).id();
        assertThat(other.get("/api/v1/macros").body()).contains("Everyone").doesNotContain("\"Mine\"");
        assertThat(other.patch("/api/v1/macros/" + shared, Map.of("name", "Mine now")).status()).isEqualTo(403);
        assertThat(newUser("customer").get("/api/v1/macros").status()).isEqualTo(403);

        Api.Reply unknownPlaceholder = agent.post("/api/v1/macros", Map.of("name", "Bad", "actions",
                List.of(Map.of("type", "reply", "body", "Hi {{requester.password}}"))));
        assertThat(unknownPlaceholder.status()).isEqualTo(422);
        assertThat(unknownPlaceholder.body()).contains("actions[0].body");
        Api.Reply badStatus = agent.post("/api/v1/macros", Map.of("name", "Bad", "actions",
                List.of(Map.of("type", "set_status", "value", "done"))));
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.body()).contains("unknown status 'done'");
        assertThat(agent.post("/api/v1/macros", Map.of("name", "Bad", "actions",
                List.of(Map.of("type", "explode")))).status()).isEqualTo(422);
        assertThat(agent.delete("/api/v1/macros/" + mine).status()).isEqualTo(204);
    }

    @Test
    void anAgentPreviewsAndAppliesAMacroInOneClickOnTheTicketPage() {
        String agentEmail = email("agent");
        assertThat(admin().post("/api/v1/users", Map.of("name", "Mia Macro", "email", agentEmail, "role", "agent",
                "password", "agent-password")).status()).isEqualTo(201);
        Api agent = anonymous().basic(agentEmail, "agent-password");
        long macroId = agent.post("/api/v1/macros", Map.of("name", "Ask for logs", "actions", ASK_FOR_LOGS)).id();
        long id = openTicket(agent, email("req"), "Scanner offline").id();

        try (Browser browser = new Browser(port)) {
            browser.signIn(agentEmail, "agent-password");
            browser.open("/tickets/" + id);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(d -> !browser.findAll("#macro-apply-" + macroId).isEmpty());
            browser.click("#macro-preview-" + macroId);
            assertThat(browser.find("#macro-preview-body-" + macroId).getText())
                    .contains("please send the logs for #" + id).contains("Status → Pending");
            browser.screenshot("macro-preview");
            browser.submit("#macro-apply-" + macroId);
            assertThat(browser.find(".meta .status").getText()).isEqualTo("Pending");
            assertThat(browser.text()).contains("Hi Requester, please send the logs for #" + id);
            browser.screenshot("macro-applied");
        }
        assertThat(agent.get("/api/v1/tickets/" + id).json().get("tags").toString()).contains("logs");
    }
}
