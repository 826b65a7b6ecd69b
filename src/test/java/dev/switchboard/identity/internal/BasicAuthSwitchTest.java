package dev.switchboard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "switchboard.api.basic-auth-enabled=false")
class BasicAuthSwitchTest extends IntegrationTest {

    @Autowired
    Accounts accounts;

    @Autowired
    UserDirectory directory;

    @Autowired
    UserRecords users;

    @Test
    void withBasicSwitchedOffPasswordsAreRefusedOnTheApiButTokensWork() {
        Api.Reply basic = admin().get("/api/v1/users/me");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.headers().allValues("WWW-Authenticate")).noneMatch(h -> h.startsWith("Basic"));

        long adminId = users.byEmail(ADMIN_EMAIL).orElseThrow().id();
        String token = accounts.issueToken(directory.actorFor(adminId), "cli").secret();
        assertThat(anonymous().bearer(token).get("/api/v1/users/me").status()).isEqualTo(200);
    }
}
