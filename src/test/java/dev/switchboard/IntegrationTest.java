package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.MutableClock;
import dev.switchboard.support.TestDatabase;
import dev.switchboard.support.WebSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Switchboard on a random port, on H2 or PostgreSQL (see {@link TestDatabase}), with a clock the
 * test moves. Tests share one server, so each makes its own people and tickets rather than counting rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(IntegrationTest.TestClock.class)
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@test.local";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    public static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }

        @Bean
        dev.switchboard.support.RecordedEvents recordedEvents() {
            return new dev.switchboard.support.RecordedEvents();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.freshUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", () -> "");
        String dataDir = System.getProperty("java.io.tmpdir") + "/switchboard-test-" + UUID.randomUUID();
        registry.add("switchboard.data-dir", () -> dataDir);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected dev.switchboard.support.RecordedEvents events;

    @BeforeEach
    void resetClock() {
        clock.set(START);
    }

    protected Api anonymous() {
        return Api.anonymous(port);
    }

    protected Api admin() {
        return anonymous().basic(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A unique address, so tests sharing a server never collide. */
    protected static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    protected Api newUser(String role) {
        return newUser(role, null, email(role));
    }

    /** Creates a user through the admin API and answers a client signed in as them with a token. */
    protected Api newUser(String role, Long organizationId, String email) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", role + " " + email.substring(0, 6),
                "email", email, "role", role, "password", "password-" + role));
        if (organizationId != null) {
            body.put("organization_id", organizationId);
        }
        Api.Reply created = admin().post("/api/v1/users", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Reply token = anonymous().basic(email, "password-" + role).post("/api/v1/tokens", Map.of("name", "test"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return anonymous().bearer(token.text("token"));
    }

    protected long userId(Api user) {
        return user.get("/api/v1/users/me").id();
    }

    protected long newOrganization(boolean shared, String... domains) {
        Api.Reply org = admin().post("/api/v1/organizations", Map.of("name", "Org " + UUID.randomUUID(),
                "domains", List.of(domains), "shared_tickets", shared));
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        return org.id();
    }

    protected Api.Reply openTicket(Api as, String requesterEmail, String subject) {
        Map<String, Object> body = requesterEmail == null
                ? Map.of("subject", subject, "description", "Details of " + subject)
                : Map.of("subject", subject, "description", "Details of " + subject,
                "requester", Map.of("email", requesterEmail, "name", "Requester"));
        Api.Reply reply = as.post("/api/v1/tickets", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply;
    }

    /** A browser-like session of the first admin. */
    protected WebSession adminSession() {
        WebSession session = new WebSession(port);
        session.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        return session;
    }

    /** A browser-like session of a new admin who reads Russian (a saved preference wins over ?lang=). */
    protected WebSession russianAdmin() {
        String address = email("ru-admin");
        newUser("admin", null, address).patch("/api/v1/users/me", Map.of("locale", "ru"));
        WebSession session = new WebSession(port);
        session.signIn(address, "password-admin");
        return session;
    }

    protected Api.Reply patch(Api as, long ticketId, Map<String, Object> fields) {
        int version = as.get("/api/v1/tickets/" + ticketId).json().get("version").asInt();
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("version", version);
        return as.patch("/api/v1/tickets/" + ticketId, body);
    }

    protected Clock clock() {
        return clock;
    }
}
