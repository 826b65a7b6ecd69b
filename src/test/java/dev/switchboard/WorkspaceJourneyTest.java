package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The whole path of a request through the pages, in real browsers, as issue 4 describes it. */
class WorkspaceJourneyTest extends IntegrationTest {

    @Test
    void customerAsksThroughThePortalAgentAnswersAndCustomerSeesOnlyTheReply() throws Exception {
        String category = "Hardware " + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin().post("/api/v1/categories", Map.of("name", category, "required_fields", List.of("description")))
                .status()).isEqualTo(201);
        String customerEmail = email("cleo");
        String agentEmail = email("ada");
        admin().post("/api/v1/users", Map.of("name", "Cleo Customer", "email", customerEmail, "role", "customer", "password", "customer-password"));
        admin().post("/api/v1/users", Map.of("name", "Ada Agent", "email", agentEmail, "role", "agent", "password", "agent-password"));
        Path log = Files.createTempFile("printer", ".log");
        Files.writeString(log, "E42 paper jam at tray 2\n");
        String subject = "Printer jams on tray 2 " + UUID.randomUUID().toString().substring(0, 6);

        long id;
        try (Browser customer = new Browser(port)) {
            customer.signIn(customerEmail, "customer-password");
            assertThat(customer.url()).endsWith("/portal");
            customer.open("/portal/requests/new");
            customer.type("#subject", subject);
            new Select(customer.find("#category")).selectByVisibleText(category);
            customer.submit(".request-form button[type=submit]");
            assertThat(customer.find(".error").getText()).contains("needs a description");
            customer.type("#description", "Every page jams since Monday.");
            new Select(customer.find("#urgency")).selectByValue("high");
            customer.find("#files").sendKeys(log.toAbsolutePath().toString());
            customer.screenshot("portal-new-request");
            customer.submit(".request-form button[type=submit]");
            assertThat(customer.find(".created").getText()).contains("received");
            id = Long.parseLong(customer.url().replaceAll(".*/portal/requests/(\\d+).*", "$1"));
            assertThat(customer.text()).contains("Received").contains(log.getFileName().toString());
        }

        try (Browser agent = new Browser(port)) {
            agent.signIn(agentEmail, "agent-password");
            agent.open("/tickets?view=unassigned");
            assertThat(agent.text()).contains(subject);
            agent.screenshot("agent-unassigned-view");
            agent.driver().findElement(By.linkText(subject)).click();
            agent.submit("#assign-to-me");
            assertThat(agent.find("#assignee option[selected]").getText()).isEqualTo("Ada Agent");
            agent.type("#body", "Tray 2 roller is worn; ordering a part.");
            agent.submit("#add-note");
            agent.type("#body", "Could you send a photo of the tray?");
            agent.submit("#send-reply");
            new Select(agent.find("#status")).selectByValue("pending");
            agent.submit(".fields button[type=submit]");
            assertThat(agent.find(".meta .status").getText()).isEqualTo("Pending");
            agent.screenshot("agent-ticket-after-reply");
        }

        try (Browser customer = new Browser(port)) {
            customer.signIn(customerEmail, "customer-password");
            customer.open("/portal/requests/" + id);
            assertThat(customer.text()).contains("Could you send a photo of the tray?").contains("Waiting for your reply")
                    .doesNotContain("roller is worn");
            customer.type("#body", "Photo attached.");
            customer.submit(".composer button[type=submit]");
            assertThat(customer.text()).contains("Being worked on");
            customer.screenshot("portal-request-after-reply");
        }
        Api.Reply ticket = admin().get("/api/v1/tickets/" + id);
        assertThat(ticket.text("status")).isEqualTo("open");
        assertThat(ticket.text("priority")).isEqualTo("high");
        assertThat(ticket.text("category")).isEqualTo(category);
    }

    @Test
    void agentIsWarnedBeforeSendingWhenAnotherAgentRepliedMeanwhile() {
        String ada = email("ada");
        String bob = email("bob");
        admin().post("/api/v1/users", Map.of("name", "Ada Agent", "email", ada, "role", "agent", "password", "agent-password"));
        admin().post("/api/v1/users", Map.of("name", "Bob Agent", "email", bob, "role", "agent", "password", "agent-password"));
        long id = openTicket(admin(), email("req"), "Both of us on it").id();

        try (Browser first = new Browser(port); Browser second = new Browser(port)) {
            first.signIn(ada, "agent-password");
            first.open("/tickets/" + id);
            second.signIn(bob, "agent-password");
            second.open("/tickets/" + id);
            assertThat(second.find("#presence").getText()).contains("Ada Agent");

            clock.advance(Duration.ofMinutes(2));
            second.type("#body", "I'll take this one.");
            second.submit("#send-reply");

            new WebDriverWait(first.driver(), Duration.ofSeconds(15))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), "changed since you opened it"));
            first.type("#body", "Looking into it now.");
            first.submit("#send-reply");
            assertThat(first.find("#collision").getText()).contains("Bob Agent").contains("reply added");
            assertThat(first.find("#body").getAttribute("value")).isEqualTo("Looking into it now.");
            first.screenshot("collision-warning");
            first.submit("#send-reply");
            assertThat(first.findAll("#collision")).isEmpty();
        }
        assertThat(admin().get("/api/v1/tickets/" + id + "/messages").body())
                .contains("I'll take this one.").contains("Looking into it now.");
    }
}
