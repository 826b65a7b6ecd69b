package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-up, sign-in links and password reset, as a person with a mailbox does them. */
class AccountLinksTest extends IntegrationTest {

    @Test
    void signUpSetsThePasswordOnlyOnceTheEmailedLinkIsUsed() {
        String email = email("newcomer");
        WebSession browser = new WebSession(port);
        HttpResponse<String> signedUp = browser.post("/portal/signup", Map.of("name", "Nia", "email", email,
                "password", "nia-password"), "/portal/signup");
        assertThat(signedUp.body()).contains("Check your email");
        assertThat(anonymous().basic(email, "nia-password").get("/api/v1/users/me").status()).isEqualTo(401);
        Api.Reply mail = admin().get("/api/v1/outbox?status=pending&limit=100");
        assertThat(mail.body()).contains(email).contains("account_verify");

        String link = lastLinkFor(email, "verify");
        String token = link.substring(link.indexOf("token=") + 6);
        assertThat(browser.get("/portal/verify?token=" + token).body()).contains("Confirm");
        HttpResponse<String> used = browser.post("/portal/verify", Map.of("token", token), "/portal/verify?token=" + token);
        assertThat(used.headers().firstValue("Location").orElseThrow()).endsWith("/");
        assertThat(browser.get("/portal").statusCode()).isEqualTo(200);
        assertThat(anonymous().basic(email, "nia-password").get("/api/v1/users/me").text("role")).isEqualTo("customer");

        assertThat(new WebSession(port).post("/portal/verify", Map.of("token", token), null).statusCode()).isEqualTo(403);
        WebSession again = new WebSession(port);
        assertThat(again.post("/portal/verify", Map.of("token", token), "/portal/signup").body()).contains("no longer works");
    }

    @Test
    void signingUpWithSomeoneElsesAddressGivesNoAccessToTheirTickets() {
        String victim = email("victim");
        openTicket(admin(), victim, "My private problem");
        WebSession attacker = new WebSession(port);
        attacker.post("/portal/signup", Map.of("name", "Mallory", "email", victim, "password", "mallory-password"), "/portal/signup");
        assertThat(anonymous().basic(victim, "mallory-password").get("/api/v1/tickets").status()).isEqualTo(401);
        assertThat(attacker.get("/portal").statusCode()).isEqualTo(302);
    }

    @Test
    void resetLinkSetsANewPasswordAndExpires() {
        String email = email("forgetful");
        admin().post("/api/v1/users", Map.of("name", "Flo", "email", email, "role", "customer", "password", "old-password"));
        WebSession browser = new WebSession(port);
        assertThat(browser.post("/portal/reset", Map.of("email", email), "/portal/reset").body()).contains("Check your email");
        String token = lastLinkFor(email, "reset").replaceAll(".*token=", "");

        clock.advance(Duration.ofMinutes(31));
        assertThat(browser.get("/portal/reset?token=" + token).body()).contains("no longer works");

        browser.post("/portal/reset", Map.of("email", email), "/portal/reset");
        String fresh = lastLinkFor(email, "reset").replaceAll(".*token=", "");
        browser.post("/portal/reset", Map.of("token", fresh, "password", "new-password"), "/portal/reset?token=" + fresh);
        assertThat(anonymous().basic(email, "new-password").get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(anonymous().basic(email, "old-password").get("/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void unknownAddressesGetTheSameAnswerAndNoLink() {
        String nobody = email("nobody");
        WebSession browser = new WebSession(port);
        assertThat(browser.post("/portal/link", Map.of("email", nobody), "/portal/link").body()).contains("Check your email");
        assertThat(events.of(AccountLinkIssued.class)).noneMatch(e -> e.email().equals(nobody));
    }

    @Test
    void repeatedWrongPasswordsAreThrottledEvenWhenTheRightOneFollows() {
        String email = email("target");
        admin().post("/api/v1/users", Map.of("name", "Tia", "email", email, "role", "agent", "password", "right-password"));
        for (int i = 0; i < 5; i++) {
            assertThat(anonymous().basic(email, "wrong-" + i).get("/api/v1/users/me").status()).isEqualTo(401);
        }
        assertThat(anonymous().basic(email, "right-password").get("/api/v1/users/me").status()).isEqualTo(401);
        WebSession browser = new WebSession(port);
        assertThat(browser.signIn(email, "right-password").headers().firstValue("Location").orElseThrow()).contains("/login?locked");

        clock.advance(Duration.ofMinutes(16));
        assertThat(anonymous().basic(email, "right-password").get("/api/v1/users/me").status()).isEqualTo(200);
    }

    private String lastLinkFor(String email, String purpose) {
        List<AccountLinkIssued> links = events.of(AccountLinkIssued.class).stream()
                .filter(e -> e.email().equals(email) && e.purpose().equals(purpose)).toList();
        assertThat(links).as("a %s link for %s", purpose, email).isNotEmpty();
        return links.get(links.size() - 1).url();
    }
}
