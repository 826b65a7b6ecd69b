package dev.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import dev.switchboard.support.Browser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** An agent makes a macro on the macros page, then previews and applies it from a ticket, in a real browser. */
class MacroPagesBrowserTest extends IntegrationTest {

    private static WebDriverWait waiting(Browser browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
    }

    /**
     * The visible value field of the action row at this place (1-based), once htmx has swapped in the row for
     * the type just chosen (a reply row also has a hidden action_value, so the visible one is waited for).
     */
    private static WebElement valueOfRow(Browser browser, int row, String field) {
        String css = "#macro-actions .action-row:nth-child(" + row + ") " + field;
        waiting(browser).until(d -> !browser.findAll(css).isEmpty());
        return browser.find(css);
    }

    private static void addRow(Browser browser, String type) {
        int before = browser.findAll("#macro-actions .action-row").size();
        browser.click("#add-action");
        waiting(browser).until(d -> browser.findAll("#macro-actions .action-row").size() == before + 1);
        WebElement select = browser.findAll("#macro-actions .action-row").get(before).findElement(By.name("action_type"));
        new Select(select).selectByValue(type);
    }

    @Test
    void anAgentCreatesAMacroOnThePageThenPreviewsAndAppliesItOnATicket() {
        String agentEmail = email("agent");
        assertThat(admin().post("/api/v1/users", Map.of("name", "Max Macro", "email", agentEmail, "role", "agent",
                "password", "agent-password")).status()).isEqualTo(201);
        Api agent = anonymous().basic(agentEmail, "agent-password");
        long id = openTicket(agent, email("req"), "Printer prints blank pages").id();

        try (Browser browser = new Browser(port)) {
            browser.signIn(agentEmail, "agent-password");
            browser.open("/tickets");
            browser.submit("nav a[href='/macros']");
            browser.submit("#new-macro");
            browser.type("#macro-name", "Ask for a test page");
            browser.type("#macro-actions .action-row:nth-child(1) textarea[name=action_body]",
                    "Hi {{requester.name}}, could you print a test page for #{{ticket.id}}? — {{agent.name}}");
            addRow(browser, "set_status");
            new Select(valueOfRow(browser, 2, "select[name=action_value]")).selectByValue("pending");
            addRow(browser, "add_tags");
            valueOfRow(browser, 3, "input[name=action_value]:not([type=hidden])").sendKeys("test-page, waiting");
            browser.screenshot("macro-form");
            browser.submit("#save-macro");
            assertThat(browser.text()).contains("“Ask for a test page” is saved.").contains("Status → Pending");
            browser.screenshot("macro-list");

            long macroId = 0;
            for (JsonNode m : agent.get("/api/v1/macros").json().get("items")) {
                if (m.get("name").asString().equals("Ask for a test page")) {
                    macroId = m.get("id").asLong();
                }
            }
            assertThat(macroId).isPositive();
            String preview = "#macro-preview-" + macroId;
            browser.open("/tickets/" + id);
            waiting(browser).until(d -> !browser.findAll(preview).isEmpty());
            browser.click(preview);
            assertThat(browser.find("#macro-preview-body-" + macroId).getText())
                    .contains("Hi Requester, could you print a test page for #" + id + "? — Max Macro")
                    .contains("Status → Pending").contains("test-page");
            browser.screenshot("macro-panel-preview");
            browser.submit("#macro-apply-" + macroId);

            assertThat(browser.find(".meta .status").getText()).isEqualTo("Pending");
            assertThat(browser.text()).contains("Hi Requester, could you print a test page for #" + id + "? — Max Macro");
            assertThat(browser.find("#tags").getAttribute("value")).contains("test-page").contains("waiting");
            browser.screenshot("macro-panel-applied");
        }
        JsonNode ticket = agent.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("status").asString()).isEqualTo("pending");
        assertThat(ticket.get("tags").toString()).contains("test-page").contains("waiting");
    }
}
