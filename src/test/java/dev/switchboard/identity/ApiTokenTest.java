package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Personal API tokens sign their owner in, and stop working once revoked or once the owner is deactivated. */
class ApiTokenTest extends IntegrationTest {

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
}
