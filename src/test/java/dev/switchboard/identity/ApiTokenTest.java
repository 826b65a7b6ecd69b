package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Personal API tokens sign their owner in, and stop working once revoked or once the owner is deactivated. */
class ApiTokenTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTokenSignsInItsOwnerWithTheirRole() {
        String email = email("agent");
        Api agent = newUser("agent", null, email);
        Api.Reply me = agent.get("/api/v1/users/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.text("email")).isEqualTo(email);
        assertThat(me.text("role")).isEqualTo("agent");
    }

    @Test
    void anUnknownTokenIs401() {
        Api.Reply reply = anonymous().bearer("sb_not-a-token").get("/api/v1/users/me");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aRevokedTokenIsRefusedOnTheNextCall() {
        String email = email("agent");
        Api agent = newUser("agent", null, email);
        Api basic = anonymous().basic(email, "password-agent");
        Api.Reply issued = basic.post("/api/v1/tokens", Map.of("name", "to revoke"));
        Api bearer = anonymous().bearer(issued.text("token"));
        assertThat(bearer.get("/api/v1/users/me").status()).isEqualTo(200);

        assertThat(basic.delete("/api/v1/tokens/" + issued.id()).status()).isEqualTo(204);

        assertThat(bearer.get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(agent.get("/api/v1/users/me").status()).as("the user's other token still works").isEqualTo(200);
    }

    @Test
    void aDeactivatedUsersTokensAreRefused() {
        Api customer = newUser("customer");
        long id = userId(customer);
        assertThat(admin().patch("/api/v1/users/" + id, Map.of("active", false)).status()).isEqualTo(200);

        assertThat(customer.get("/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void aTokenRevokedByAnotherNodeStopsWorkingWithinTheTokenCacheTime() {
        String email = email("agent");
        newUser("agent", null, email);
        Api.Reply issued = anonymous().basic(email, "password-agent").post("/api/v1/tokens", Map.of("name", "elsewhere"));
        Api bearer = anonymous().bearer(issued.text("token"));
        assertThat(bearer.get("/api/v1/users/me").status()).isEqualTo(200);

        // Another node sharing the database revokes it: this node only learns from the database.
        jdbc.update("update api_tokens set revoked_at = current_timestamp where id = ?", issued.id());
        clock.advance(Duration.ofSeconds(2)); // switchboard.api.token-cache

        assertThat(bearer.get("/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void aRoleChangeAppliesToTheNextCall() {
        Api agent = newUser("agent");
        long id = userId(agent);
        assertThat(agent.get("/api/v1/users").status()).isEqualTo(200);

        assertThat(admin().patch("/api/v1/users/" + id, Map.of("role", "customer")).status()).isEqualTo(200);

        assertThat(agent.get("/api/v1/users").status()).as("customers cannot list users").isEqualTo(403);
    }
}
