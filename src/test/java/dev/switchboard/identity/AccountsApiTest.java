package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.IntegrationTest;
import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.support.Api;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Users, organizations, groups and tokens through the account API, as an admin sets a helpdesk up. */
class AccountsApiTest extends IntegrationTest {

    @Autowired
    AuditTrail audit;

    @Test
    void adminCreatesAnOrganizationWithDomainsAndAUserInIt() {
        String domain = domain();
        String other = domain();
        Api.Reply org = admin().post("/api/v1/organizations", Map.of("name", "Acme " + UUID.randomUUID(),
                "domains", List.of(domain.toUpperCase(), " " + other + " ", domain), "shared_tickets", true));
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        assertThat(org.header("Location")).isEqualTo("/api/v1/organizations/" + org.id());
        assertThat(org.json().get("domains").toString()).contains(domain).contains(other);
        assertThat(org.json().get("domains")).hasSize(2);
        assertThat(org.json().get("shared_tickets").asBoolean()).isTrue();

        String address = "wile@" + domain;
        Api.Reply user = admin().post("/api/v1/users", Map.of("name", "Wile E.", "email", address, "role", "customer",
                "organization_id", org.id(), "password", "password-wile"));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        assertThat(user.header("Location")).isEqualTo("/api/v1/users/" + user.id());
        assertThat(user.json().get("organization_id").asLong()).isEqualTo(org.id());
        assertThat(user.json().get("role").asString()).isEqualTo("customer");
        assertThat(user.json().get("active").asBoolean()).isTrue();
        assertThat(user.body()).doesNotContain("password");

        // the new user signs in, and sees their own organization
        Api wile = anonymous().basic(address, "password-wile");
        assertThat(wile.get("/api/v1/users/me").id()).isEqualTo(user.id());
        assertThat(wile.get("/api/v1/organizations/" + org.id()).status()).isEqualTo(200);
        assertThat(admin().get("/api/v1/users?organization_id=" + org.id()).json().get("items").findValuesAsString("email"))
                .containsExactly(address);
    }

    @Test
    void userWithAnUnknownOrganizationIsRefused() {
        Api.Reply reply = admin().post("/api/v1/users", Map.of("name", "Lost", "email", email("lost"), "role", "customer",
                "organization_id", 999_999, "password", "password-lost"));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.text("detail")).contains("organization_id");
    }

    @Test
    void sameEmailInAnotherCaseIs409() {
        String address = email("dup");
        newUser("customer", null, address);
        Api.Reply again = admin().post("/api/v1/users", Map.of("name", "Twin", "email", address.toUpperCase(),
                "role", "agent", "password", "password-twin"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.text("detail")).containsIgnoringCase(address);
    }

    @Test
    void groupWithACustomerAsMemberIs422() {
        long agent = userId(newUser("agent"));
        long customer = userId(newUser("customer"));
        String name = "Tier " + UUID.randomUUID();
        Api.Reply refused = admin().post("/api/v1/groups", Map.of("name", name, "member_ids", List.of(agent, customer)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("member_ids");
        assertThat(refused.text("detail")).contains(String.valueOf(customer));

        // nothing was half-created: the same group with staff only is fine
        Api.Reply group = admin().post("/api/v1/groups", Map.of("name", name, "member_ids", List.of(agent)));
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        assertThat(group.json().get("member_ids").toString()).isEqualTo("[" + agent + "]");
        Api.Reply patched = admin().patch("/api/v1/groups/" + group.id(), Map.of("member_ids", List.of(agent, customer)));
        assertThat(patched.status()).isEqualTo(422);
        assertThat(admin().get("/api/v1/groups/" + group.id()).json().get("member_ids").toString()).isEqualTo("[" + agent + "]");
    }

    @Test
    void domainHeldByAnotherOrganizationIs409() {
        String domain = domain();
        long first = newOrganization(false, domain);
        Api.Reply second = admin().post("/api/v1/organizations", Map.of("name", "Copycat " + UUID.randomUUID(),
                "domains", List.of(domain(), domain.toUpperCase())));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("detail")).contains(domain);

        long third = newOrganization(false, domain());
        Api.Reply moved = admin().patch("/api/v1/organizations/" + third, Map.of("domains", List.of(domain)));
        assertThat(moved.status()).isEqualTo(409);
        assertThat(admin().get("/api/v1/organizations/" + first).json().get("domains").toString()).contains(domain);

        // a first contact from that domain still joins the first organization
        Api.Reply ticket = openTicket(newUser("agent"), "someone@" + domain, "Which org am I in?");
        assertThat(ticket.json().get("organization_id").asLong()).isEqualTo(first);
    }

    @Test
    void tokenIsShownOnceListedWithoutItsSecretAndWorksAsBearer() {
        String address = email("agent");
        newUser("agent", null, address);
        Api byPassword = anonymous().basic(address, "password-agent");

        Api.Reply issued = byPassword.post("/api/v1/tokens", Map.of("name", "CI pipeline"));
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.header("Location")).isEqualTo("/api/v1/tokens/" + issued.id());
        String secret = issued.text("token");
        assertThat(secret).startsWith("sb_").startsWith(issued.text("prefix"));

        Api.Reply list = byPassword.get("/api/v1/tokens");
        assertThat(list.status()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode token : list.json().get("items")) {
            assertThat(token.has("token")).as("a listed token shows no secret").isFalse();
            if (token.get("id").asLong() == issued.id()) {
                listed = token;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("name").asString()).isEqualTo("CI pipeline");
        assertThat(listed.get("prefix").asString()).isEqualTo(issued.text("prefix"));
        assertThat(list.body()).doesNotContain(secret);

        Api bearer = anonymous().bearer(secret);
        assertThat(bearer.get("/api/v1/users/me").text("email")).isEqualTo(address);
        assertThat(bearer.get("/api/v1/tokens").body()).doesNotContain(secret);
    }

    @Test
    void changingAUsersRoleAndActiveFlagTakesEffectAndIsAudited() {
        Api user = newUser("customer");
        long id = userId(user);
        long adminId = userId(admin());
        assertThat(user.get("/api/v1/users").status()).isEqualTo(403);

        Api.Reply promoted = admin().patch("/api/v1/users/" + id, Map.of("role", "agent"));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.text("role")).isEqualTo("agent");
        assertThat(user.get("/api/v1/users").status()).as("an agent may list users").isEqualTo(200);

        assertThat(admin().patch("/api/v1/users/" + id, Map.of("active", false)).status()).isEqualTo(200);
        assertThat(user.get("/api/v1/users/me").status()).isEqualTo(401);

        assertThat(audit.of("user", id))
                .filteredOn(e -> e.field() != null)
                .extracting(AuditEntry::field, AuditEntry::oldValue, AuditEntry::newValue, AuditEntry::actorUserId)
                .containsExactly(tuple("role", "customer", "agent", adminId), tuple("active", "true", "false", adminId));
    }

    @Test
    void adminCannotDemoteOrDeactivateThemself() {
        long adminId = userId(admin());
        assertThat(admin().patch("/api/v1/users/" + adminId, Map.of("role", "agent")).status()).isEqualTo(409);
        assertThat(admin().patch("/api/v1/users/" + adminId, Map.of("active", false)).status()).isEqualTo(409);
        assertThat(admin().get("/api/v1/users/me").text("role")).isEqualTo("admin");
    }

    @Test
    void passwordShorterThan8Is422() {
        Api.Reply created = admin().post("/api/v1/users", Map.of("name", "Shorty", "email", email("short"),
                "role", "agent", "password", "1234567"));
        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(created.text("detail")).contains("8");

        String address = email("agent");
        long id = userId(newUser("agent", null, address));
        Api.Reply changed = admin().patch("/api/v1/users/" + id, Map.of("password", "short"));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(anonymous().basic(address, "password-agent").get("/api/v1/users/me").status())
                .as("the old password still works").isEqualTo(200);
    }

    @Test
    void unknownRoleIs422NamingTheAllowedRoles() {
        Api.Reply created = admin().post("/api/v1/users", Map.of("name", "Boss", "email", email("boss"),
                "role", "superuser", "password", "password-boss"));
        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().get("errors").get(0).get("field").asString()).isEqualTo("role");
        assertThat(created.text("detail")).contains("'superuser'").contains("admin, agent, customer");

        Api.Reply system = admin().post("/api/v1/users", Map.of("name", "Robot", "email", email("robot"),
                "role", "system", "password", "password-robot"));
        assertThat(system.status()).as("system is a job, never a person").isEqualTo(422);

        long id = userId(newUser("agent"));
        Api.Reply changed = admin().patch("/api/v1/users/" + id, Map.of("role", "owner"));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.text("detail")).contains("admin, agent, customer");
    }

    @Test
    void idempotencyKeyOnCreateOrganizationReplaysTheSameOrganization() {
        Api admin = admin().header("Idempotency-Key", "org-" + UUID.randomUUID());
        Map<String, Object> body = Map.of("name", "Once " + UUID.randomUUID(), "domains", List.of(domain()));
        Api.Reply first = admin.post("/api/v1/organizations", body);
        Api.Reply retry = admin.post("/api/v1/organizations", body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.json()).isEqualTo(first.json());

        Api.Reply different = admin.post("/api/v1/organizations", Map.of("name", "Other " + UUID.randomUUID()));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.text("detail")).contains("Idempotency-Key");
    }

    private static String domain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    }

    @Test
    void deactivatedAgentsUnfinishedTicketsGoBackToUnassigned() {
        Api agent = newUser("agent");
        long agentId = userId(agent);
        long open = openTicket(agent, email("req"), "Still to do").id();
        long resolved = openTicket(agent, email("req"), "Done already").id();
        patch(agent, open, Map.of("assignee_id", agentId, "status", "in_progress"));
        patch(agent, resolved, Map.of("assignee_id", agentId, "status", "resolved"));

        assertThat(admin().patch("/api/v1/users/" + agentId, Map.of("active", false)).status()).isEqualTo(200);

        Api.Reply unfinished = admin().get("/api/v1/tickets/" + open);
        assertThat(unfinished.json().get("assignee_id").isNull()).isTrue();
        assertThat(admin().get("/api/v1/tickets/" + resolved).json().get("assignee_id").asLong()).isEqualTo(agentId);
        JsonNode history = admin().get("/api/v1/tickets/" + open + "/history").json().get("items");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("field").asString()).isEqualTo("assignee_id");
        assertThat(last.get("actor_system").asString()).isEqualTo("offboarding");
    }

    @Test
    void agentDemotedToCustomerLeavesTheirGroupsAndTickets() {
        Api agent = newUser("agent");
        long agentId = userId(agent);
        long group = admin().post("/api/v1/groups", Map.of("name", "Desk " + UUID.randomUUID(), "member_ids", List.of(agentId))).id();
        long ticket = openTicket(agent, email("req"), "Mine").id();
        patch(agent, ticket, Map.of("assignee_id", agentId));

        assertThat(admin().patch("/api/v1/users/" + agentId, Map.of("role", "customer")).status()).isEqualTo(200);

        assertThat(admin().get("/api/v1/groups/" + group).json().get("member_ids")).isEmpty();
        assertThat(admin().get("/api/v1/tickets/" + ticket).json().get("assignee_id").isNull()).isTrue();
    }
}
