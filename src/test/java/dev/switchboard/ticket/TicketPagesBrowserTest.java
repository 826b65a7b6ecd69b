package dev.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import dev.switchboard.support.Browser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** The first pages, driven in a real browser as an agent and as a customer would. */
class TicketPagesBrowserTest extends IntegrationTest {

    @Test
    void agentRepliesAddsNoteAndChangesStatusAndCustomerSeesOnlyTheReply() {
        String agentEmail = email("agent");
        String customerEmail = email("customer");
        assertThat(admin().post("/api/v1/users", Map.of("name", "Ada Agent", "email", agentEmail, "role", "agent",
                "password", "agent-password")).status()).isEqualTo(201);
        assertThat(admin().post("/api/v1/users", Map.of("name", "Cleo Customer", "email", customerEmail,
                "role", "customer", "password", "customer-password")).status()).isEqualTo(201);
        Api customerApi = anonymous().basic(customerEmail, "customer-password");
        long id = openTicket(customerApi, null, "Label printer jams").id();

        try (Browser agent = new Browser(port)) {
            agent.signIn(agentEmail, "agent-password");
            agent.open("/tickets?view=unassigned");
            assertThat(agent.text()).contains("Label printer jams");
            agent.screenshot("agent-ticket-list");
            agent.open("/tickets/" + id);
            agent.type("#body", "Checked the logs: firmware 2.1 bug.");
            agent.submit("button[name=internal][value=true]");
            assertThat(agent.find(".message.internal").getText()).contains("firmware 2.1 bug").contains("Internal note");

            agent.type("#body", "Please update the printer firmware and tell us if it still jams.");
            agent.submit("button[name=internal][value=false]");
            new Select(agent.find("#status")).selectByValue("pending");
            new Select(agent.find("#assignee")).selectByVisibleText("Ada Agent");
            agent.submit(".fields button[type=submit]");
            assertThat(agent.find(".meta .status").getText()).isEqualTo("Pending");
            assertThat(agent.text()).contains("assignee_id");
            agent.screenshot("agent-ticket-page");
        }

        try (Browser customer = new Browser(port)) {
            customer.signIn(customerEmail, "customer-password");
            customer.open("/tickets/" + id);
            assertThat(customer.url()).endsWith("/portal/requests/" + id);
            assertThat(customer.text()).contains("Please update the printer firmware").doesNotContain("firmware 2.1 bug");
            assertThat(customer.findAll(".fields")).isEmpty();
            customer.type("#body", "Updated it, still jams.");
            customer.submit(".composer button[type=submit]");
            customer.screenshot("customer-ticket-page");
        }
        assertThat(customerApi.get("/api/v1/tickets/" + id).text("status")).isEqualTo("open");
    }

    @Test
    void refusedStatusChangeIsExplainedOnThePage() {
        String agentEmail = email("agent");
        admin().post("/api/v1/users", Map.of("name", "Rex Agent", "email", agentEmail, "role", "agent", "password", "agent-password"));
        Api agentApi = anonymous().basic(agentEmail, "agent-password");
        long id = openTicket(agentApi, email("someone"), "Close me without reason").id();
        try (Browser agent = new Browser(port)) {
            agent.signIn(agentEmail, "agent-password");
            agent.open("/tickets/" + id);
            new Select(agent.find("#status")).selectByValue("closed");
            agent.submit(".fields button[type=submit]");
            assertThat(agent.find(".error").getText()).contains("needs a reason");
        }
        assertThat(agentApi.get("/api/v1/tickets/" + id).text("status")).isEqualTo("new");
    }

    @Test
    void wrongPasswordStaysOnTheSignInPage() {
        try (Browser browser = new Browser(port)) {
            browser.open("/login");
            browser.type("#username", ADMIN_EMAIL);
            browser.type("#password", "not-the-password");
            browser.submit("button[type=submit]");
            assertThat(browser.url()).contains("/login?error");
            assertThat(browser.text()).contains("Wrong email or password");
            browser.open("/tickets");
            assertThat(browser.url()).contains("/login");
        }
    }
}
