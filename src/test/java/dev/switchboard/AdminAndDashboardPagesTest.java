package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminAndDashboardPagesTest extends IntegrationTest {

    @Test
    void adminManagesPeopleAndCategoriesThroughThePagesAndEveryChangeIsAudited() {
        WebSession admin = adminSession();
        for (String page : new String[] {"/admin", "/admin/users", "/admin/organizations", "/admin/groups", "/admin/categories"}) {
            assertThat(admin.get(page).statusCode()).as(page).isEqualTo(200);
        }
        String email = email("paged");
        HttpResponse<String> created = admin.post("/admin/users", Map.of("name", "Page Made", "email", email,
                "role", "agent", "password", "page-password"), "/admin/users");
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/users?role=agent").body()).contains(email);
        HttpResponse<String> duplicate = admin.post("/admin/users", Map.of("name", "Again", "email", email.toUpperCase(),
                "role", "agent"), "/admin/users");
        assertThat(duplicate.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/users").body()).contains("already exists");
        assertThat(admin.post("/admin/categories", Map.of("name", "Returns " + email, "required", "attachments"),
                "/admin/categories").statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/categories").body()).contains("Returns " + email);
    }

    @Test
    void agentsAndCustomersAreRefusedTheAdminPagesAndCustomersTheDashboard() {
        String agent = email("agent");
        String customer = email("customer");
        admin().post("/api/v1/users", Map.of("name", "A", "email", agent, "role", "agent", "password", "agent-password"));
        admin().post("/api/v1/users", Map.of("name", "C", "email", customer, "role", "customer", "password", "customer-password"));
        WebSession agentSession = new WebSession(port);
        agentSession.signIn(agent, "agent-password");
        WebSession customerSession = new WebSession(port);
        customerSession.signIn(customer, "customer-password");
        for (String page : new String[] {"/admin", "/admin/users", "/admin/groups", "/admin/categories"}) {
            assertThat(agentSession.get(page).statusCode()).as(page).isEqualTo(403);
            assertThat(customerSession.get(page).statusCode()).as(page).isEqualTo(403);
        }
        assertThat(agentSession.post("/admin/users", Map.of("name", "x", "email", email("x"), "role", "admin"), "/tickets")
                .statusCode()).isEqualTo(403);
        assertThat(agentSession.get("/dashboard").statusCode()).isEqualTo(200);
        assertThat(customerSession.get("/dashboard").statusCode()).isEqualTo(403);
    }

    @Test
    void dashboardCountsAgingAndWorkloadLinkToTheTicketsBehindThem() {
        Api agent = newUser("agent");
        long agentId = userId(agent);
        long old = openTicket(agent, email("r"), "Waiting a long time").id();
        patch(agent, old, Map.of("status", "open", "assignee_id", agentId));
        clock.advance(Duration.ofDays(4));
        long fresh = openTicket(agent, email("r"), "Just arrived").id();

        WebSession browser = adminSession();
        String page = browser.get("/dashboard").body();
        assertThat(page).contains("/tickets?view=active&amp;assignee=" + agentId)
                .contains("/tickets?view=all&amp;status=open&amp;age=4");
        String threeToSevenDays = browser.get("/tickets?view=all&status=open&age=4").body();
        assertThat(threeToSevenDays).contains("Waiting a long time").doesNotContain("Just arrived");
        String underAnHour = browser.get("/tickets?view=all&status=new&age=0").body();
        assertThat(underAnHour).contains("Just arrived");
        assertThat(fresh).isPositive();
    }

    @Test
    void pagesSpeakRussianWhenAsked() {
        WebSession browser = new WebSession(port);
        assertThat(browser.get("/login?lang=ru").body()).contains("Вход в Switchboard");
        assertThat(browser.get("/login").body()).contains("Вход в Switchboard");
        String email = email("ru");
        Api user = newUser("agent", null, email);
        user.patch("/api/v1/users/me", Map.of("locale", "ru"));
        WebSession russian = new WebSession(port);
        russian.signIn(email, "password-agent");
        assertThat(russian.get("/tickets").body()).contains("Мои открытые заявки");
    }

    @Test
    void slaTimersShowOnTheTicketPageAndTheBreachingSoonView() {
        Api agent = newUser("agent");
        String subject = "Payroll is down " + email("x");
        long id = agent.post("/api/v1/tickets", Map.of("subject", subject, "priority", "critical",
                "requester", Map.of("email", email("r")))).id();
        WebSession browser = adminSession();
        assertThat(browser.get("/tickets/" + id).body()).contains("sla-timer").contains("First response");
        assertThat(browser.get("/tickets/breaching-soon").body()).contains(subject);
        String customer = email("c");
        newUser("customer", null, customer);
        WebSession customerSession = new WebSession(port);
        customerSession.signIn(customer, "password-customer");
        assertThat(customerSession.get("/tickets/breaching-soon").statusCode()).isEqualTo(403);
    }
}
