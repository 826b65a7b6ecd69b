package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The rule form's rows in a real browser: added, re-typed and removed with htmx, then tested on a sample. */
class RoutingPagesBrowserTest extends IntegrationTest {

    private void waitFor(Browser browser, String css, int count) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.findAll(css).size() == count);
    }

    @Test
    void anAdminBuildsARuleRowByRowAndTestsIt() {
        String marker = "br" + UUID.randomUUID().toString().substring(0, 8);
        String groupName = "Browser group " + marker;
        assertThat(admin().post("/api/v1/groups", Map.of("name", groupName)).status()).isEqualTo(201);
        String name = "Browser rule " + marker;
        long ruleId = 0;
        try (Browser browser = new Browser(port)) {
            browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            browser.open("/admin");
            browser.submit("a[href='/admin/routing']");
            browser.submit("#new-rule");
            browser.type("#name", name);

            browser.click("#add-condition");
            waitFor(browser, ".condition-row", 1);
            browser.click("#add-condition");
            waitFor(browser, ".condition-row", 2);
            List<WebElement> conditions = browser.findAll(".condition-row");
            new Select(conditions.get(0).findElement(By.name("condition_field"))).selectByValue("subject");
            new Select(conditions.get(0).findElement(By.name("condition_operator"))).selectByValue("matches");
            conditions.get(0).findElement(By.name("condition_value")).sendKeys("(?i)\\b" + marker + "\\b");
            conditions.get(1).findElement(By.cssSelector(".remove-row")).click();
            waitFor(browser, ".condition-row", 1);

            new Select(browser.find(".action-row select[name=action_type]")).selectByValue("set_group");
            new Select(browser.find(".action-row select[name=action_value]")).selectByVisibleText(groupName);
            browser.click("#add-action");
            waitFor(browser, ".action-row", 2);
            WebElement second = browser.findAll(".action-row").get(1);
            new Select(second.findElement(By.name("action_type"))).selectByValue("add_tags");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                    !browser.findAll(".action-row:nth-child(2) input[name=action_value]").isEmpty());
            browser.find(".action-row:nth-child(2) input[name=action_value]").sendKeys("routed, " + marker);
            browser.screenshot("routing-rule-form");
            browser.submit("#save-rule");

            assertThat(browser.text()).contains(name).contains("is saved");
            browser.screenshot("routing-rules");
            for (JsonNode r : admin().get("/api/v1/routing-rules").json().get("items")) {
                if (r.get("name").asString().equals(name)) {
                    ruleId = r.get("id").asLong();
                    assertThat(r.get("conditions")).hasSize(1);
                    assertThat(r.get("conditions").get(0).get("operator").asString()).isEqualTo("matches");
                    assertThat(r.get("actions").get(1).get("value").toString()).contains(marker);
                }
            }
            assertThat(ruleId).isPositive();

            browser.type("#dry-run input[name=subject]", "Question about " + marker);
            browser.click("#run-dry-run");
            String verdict = "#verdict-" + ruleId;
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> !browser.findAll(verdict).isEmpty());
            assertThat(browser.find(verdict).getText()).contains("Matched");
            assertThat(browser.find("#result-group").getText()).contains(groupName);
            assertThat(browser.find("#result-tags").getText()).contains(marker);
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "document.getElementById('dry-run-result').scrollIntoView()");
            browser.screenshot("routing-dry-run");
        } finally {
            if (ruleId > 0) {
                admin().delete("/api/v1/routing-rules/" + ruleId);
            }
        }
    }
}
