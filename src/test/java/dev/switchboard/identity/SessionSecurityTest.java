package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionSecurityTest extends IntegrationTest {

    @Test
    void deactivatedUserIsSignedOutOfTheirOpenSession() {
        String agentEmail = email("agent");
        long id = admin().post("/api/v1/users", Map.of("name", "Sid", "email", agentEmail, "role", "agent",
                "password", "agent-password")).id();
        WebSession browser = new WebSession(port);
        assertThat(browser.signIn(agentEmail, "agent-password").headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/"));
        assertThat(browser.get("/tickets").statusCode()).isEqualTo(200);

        assertThat(admin().patch("/api/v1/users/" + id, Map.of("active", false)).status()).isEqualTo(200);

        HttpResponse<String> after = browser.get("/tickets");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/login");
    }

    @Test
    void roleChangeAppliesToAnOpenSessionAtOnce() {
        String email = email("agent");
        long id = admin().post("/api/v1/users", Map.of("name", "Rae", "email", email, "role", "agent",
                "password", "agent-password")).id();
        long ticket = openTicket(admin(), email("requester"), "Someone else's ticket").id();
        WebSession browser = new WebSession(port);
        browser.signIn(email, "agent-password");
        assertThat(browser.get("/tickets/" + ticket).statusCode()).isEqualTo(200);

        admin().patch("/api/v1/users/" + id, Map.of("role", "customer"));

        assertThat(browser.get("/tickets/" + ticket).headers().firstValue("Location").orElseThrow())
                .endsWith("/portal/requests/" + ticket);
        assertThat(browser.get("/portal/requests/" + ticket).statusCode()).isEqualTo(404);
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRefused() {
        String email = email("agent");
        admin().post("/api/v1/users", Map.of("name", "Cy", "email", email, "role", "agent", "password", "agent-password"));
        long ticket = openTicket(anonymous().basic(email, "agent-password"), email("r"), "CSRF").id();
        WebSession browser = new WebSession(port);
        browser.signIn(email, "agent-password");

        HttpResponse<String> forged = browser.post("/tickets/" + ticket + "/messages", Map.of("body", "forged"), null);
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> real = browser.post("/tickets/" + ticket + "/messages", Map.of("body", "real"), "/tickets/" + ticket);
        assertThat(real.statusCode()).isEqualTo(302);

        Api.Reply messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat(messages.body()).contains("real").doesNotContain("forged");
    }

    @Test
    void sessionCookieIsHttpOnlyAndPagesSendASecurityPolicy() {
        WebSession browser = new WebSession(port);
        HttpResponse<String> login = browser.get("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        HttpResponse<String> signedIn = browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(c ->
                assertThat(c).startsWith("JSESSIONID").contains("HttpOnly").contains("SameSite=Lax"));
    }
}
