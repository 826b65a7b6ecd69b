package dev.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every permission rule, proved from the refused side: what a caller may not see answers 404 as if it did
 * not exist, what their role may not do answers 403, and a caller who is not signed in gets 401.
 */
class AccessRulesTest extends IntegrationTest {

    // ---- customers and other customers' tickets

    @Test
    void customerListsOnlyTheirOwnTickets() {
        Api alice = newUser("customer");
        Api bob = newUser("customer");
        long aliceId = userId(alice);
        long bobId = userId(bob);
        long alicesTicket = openTicket(alice, null, "Alice's printer").id();
        long bobsTicket = openTicket(bob, null, "Bob's laptop").id();

        List<Long> listed = ids(alice.get("/api/v1/tickets?limit=100"));
        assertThat(listed).contains(alicesTicket).doesNotContain(bobsTicket);
        alice.get("/api/v1/tickets?limit=100").json().get("items")
                .forEach(t -> assertThat(t.get("requester").get("id").asLong()).isEqualTo(aliceId));

        // asking for Bob's tickets by name does not widen Alice's view
        assertThat(ids(alice.get("/api/v1/tickets?requester_id=" + bobId))).isEmpty();
    }

    @Test
    void anotherCustomersTicketIsNotFoundOnEveryRoute() {
        Api alice = newUser("customer");
        Api bob = newUser("customer");
        Api agent = newUser("agent");
        long bobsTicket = openTicket(bob, null, "Bob's secret").id();
        long bobsMessage = bob.get("/api/v1/tickets/" + bobsTicket + "/messages").json().get("items").get(0).get("id").asLong();
        long alicesTicket = openTicket(alice, null, "Alice's own").id();
        String path = "/api/v1/tickets/" + bobsTicket;

        assertNotFound(alice.get(path));
        assertNotFound(alice.get(path + "/messages"));
        assertNotFound(alice.get(path + "/messages/" + bobsMessage));
        assertNotFound(alice.get("/api/v1/tickets/" + alicesTicket + "/messages/" + bobsMessage));
        assertNotFound(alice.post(path + "/messages", Map.of("body", "Let me in")));
        assertNotFound(alice.patch(path, Map.of("version", 0, "priority", "critical")));
        assertNotFound(alice.patch(path, Map.of("priority", "critical"))); // no version: still not 428
        assertNotFound(alice.get(path + "/history"));

        // and nothing Alice tried reached Bob's ticket
        JsonNode ticket = agent.get(path).json();
        assertThat(ticket.get("version").asInt()).isZero();
        assertThat(ticket.get("priority").asString()).isEqualTo("normal");
        assertThat(agent.get(path + "/messages").json().get("items")).hasSize(1);
    }

    // ---- organizations

    @Test
    void memberOfASharingOrganizationSeesAColleaguesTicket() {
        String domain = domain();
        long org = newOrganization(true, domain);
        Api agent = newUser("agent");
        // the colleague becomes a customer on first contact, and joins the organization by their domain
        Api.Reply colleagues = openTicket(agent, "Colleague@" + domain.toUpperCase(), "Shared printer is jammed");
        long ticket = colleagues.id();
        assertThat(colleagues.json().get("organization_id").asLong()).isEqualTo(org);
        Api member = newUser("customer", org, "member@" + domain);

        assertThat(member.get("/api/v1/tickets/" + ticket).status()).isEqualTo(200);
        assertThat(member.get("/api/v1/tickets/" + ticket + "/messages").json().get("items")).hasSize(1);
        assertThat(ids(member.get("/api/v1/tickets?limit=100"))).contains(ticket);
    }

    @Test
    void memberOfANonSharingOrganizationDoesNotSeeAColleaguesTicket() {
        String domain = domain();
        long org = newOrganization(false, domain);
        Api agent = newUser("agent");
        Api.Reply colleagues = openTicket(agent, "colleague@" + domain, "My salary slip");
        long ticket = colleagues.id();
        assertThat(colleagues.json().get("organization_id").asLong()).isEqualTo(org);
        Api member = newUser("customer", org, "member@" + domain);

        assertNotFound(member.get("/api/v1/tickets/" + ticket));
        assertNotFound(member.get("/api/v1/tickets/" + ticket + "/messages"));
        assertNotFound(member.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", "me too")));
        assertThat(ids(member.get("/api/v1/tickets?limit=100"))).doesNotContain(ticket);
    }

    // ---- internal notes

    @Test
    void internalNotesNeverReachTheCustomer() {
        Api customer = newUser("customer");
        Api agent = newUser("agent");
        long ticket = openTicket(customer, null, "Refund please").id();
        String messages = "/api/v1/tickets/" + ticket + "/messages";
        Api.Reply note = agent.post(messages, Map.of("body", "Customer is on the fraud watch list", "internal", true));
        assertThat(note.status()).as(note.body()).isEqualTo(201);
        Api.Reply reply = agent.post(messages, Map.of("body", "We are looking into it"));
        assertThat(reply.status()).isEqualTo(201);

        JsonNode seen = customer.get(messages).json().get("items");
        assertThat(seen).hasSize(2);
        seen.forEach(m -> {
            assertThat(m.get("internal").asBoolean()).isFalse();
            assertThat(m.get("id").asLong()).isNotEqualTo(note.id());
        });
        assertThat(customer.get(messages).body()).doesNotContain("fraud watch list");
        assertNotFound(customer.get(messages + "/" + note.id()));
        assertThat(customer.get(messages + "/" + reply.id()).status()).isEqualTo(200);

        // the team still has it
        assertThat(agent.get(messages).json().get("items")).hasSize(3);
        assertThat(agent.get(messages + "/" + note.id()).text("body_text")).contains("fraud watch list");
    }

    @Test
    void customerCannotWriteAnInternalNote() {
        Api customer = newUser("customer");
        long ticket = openTicket(customer, null, "Notes").id();
        Api.Reply refused = customer.post("/api/v1/tickets/" + ticket + "/messages", Map.of("body", "psst", "internal", true));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(newUser("agent").get("/api/v1/tickets/" + ticket + "/messages").json().get("items")).hasSize(1);
    }

    // ---- what a customer may not do on their own ticket

    @Test
    void customerCannotChangeTheirOwnTicket() {
        Api customer = newUser("customer");
        long ticket = openTicket(customer, null, "Make me critical").id();
        Api.Reply refused = customer.patch("/api/v1/tickets/" + ticket, Map.of("version", 0, "priority", "critical"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        Api.Reply closing = customer.patch("/api/v1/tickets/" + ticket, Map.of("version", 0, "status", "resolved"));
        assertThat(closing.status()).isEqualTo(403);
        Api.Reply ifMatch = customer.header("If-Match", "\"0\"").patch("/api/v1/tickets/" + ticket, Map.of("priority", "high"));
        assertThat(ifMatch.status()).isEqualTo(403);
        // without a version too: asking for one (428) would only invite a retry that cannot succeed
        Api.Reply versionless = customer.patch("/api/v1/tickets/" + ticket, Map.of("priority", "high"));
        assertThat(versionless.status()).as(versionless.body()).isEqualTo(403);

        JsonNode after = customer.get("/api/v1/tickets/" + ticket).json();
        assertThat(after.get("priority").asString()).isEqualTo("normal");
        assertThat(after.get("status").asString()).isEqualTo("new");
        assertThat(after.get("version").asInt()).isZero();
    }

    @Test
    void customerCannotReadTheirOwnTicketsHistory() {
        Api customer = newUser("customer");
        long ticket = openTicket(customer, null, "What happened").id();
        Api.Reply refused = customer.get("/api/v1/tickets/" + ticket + "/history");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void customerCannotOpenATicketForSomeoneElse() {
        Api customer = newUser("customer");
        String victim = email("victim");
        Api.Reply refused = customer.post("/api/v1/tickets", Map.of("subject", "On your behalf",
                "requester", Map.of("email", victim, "name", "Victim")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(ids(customer.get("/api/v1/tickets?limit=100"))).isEmpty();

        // naming themselves (in any case) is fine
        Api.Reply own = customer.post("/api/v1/tickets", Map.of("subject", "For me",
                "requester", Map.of("email", customer.get("/api/v1/users/me").text("email").toUpperCase())));
        assertThat(own.status()).as(own.body()).isEqualTo(201);
    }

    // ---- accounts

    @Test
    void agentsCannotManageUsersOrganizationsOrGroups() {
        Api agent = newUser("agent");
        long agentId = userId(agent);
        Api customer = newUser("customer");
        long customerId = userId(customer);

        assertForbidden(agent.post("/api/v1/users", Map.of("name", "Sneaky", "email", email("sneaky"),
                "role", "admin", "password", "password-sneaky")));
        assertForbidden(agent.patch("/api/v1/users/" + agentId, Map.of("role", "admin")));
        assertForbidden(agent.patch("/api/v1/users/" + customerId, Map.of("active", false)));
        assertForbidden(agent.post("/api/v1/organizations", Map.of("name", "Org " + UUID.randomUUID(),
                "domains", List.of(domain()))));
        assertForbidden(agent.post("/api/v1/groups", Map.of("name", "Group " + UUID.randomUUID(),
                "member_ids", List.of(agentId))));
        long org = newOrganization(false, domain());
        assertForbidden(agent.patch("/api/v1/organizations/" + org, Map.of("shared_tickets", true)));
        long group = admin().post("/api/v1/groups", Map.of("name", "Group " + UUID.randomUUID())).id();
        assertForbidden(agent.patch("/api/v1/groups/" + group, Map.of("member_ids", List.of(agentId))));

        // nothing changed: the agent is still an agent, the customer can still sign in
        assertThat(agent.get("/api/v1/users/me").text("role")).isEqualTo("agent");
        assertThat(agent.get("/api/v1/organizations/" + org).json().get("shared_tickets").asBoolean()).isFalse();
        assertThat(agent.get("/api/v1/groups/" + group).json().get("member_ids")).isEmpty();
        assertThat(customer.get("/api/v1/users/me").json().get("active").asBoolean()).isTrue();
    }

    @Test
    void customersCannotListAccounts() {
        Api customer = newUser("customer");
        assertForbidden(customer.get("/api/v1/users"));
        assertForbidden(customer.get("/api/v1/organizations"));
        assertForbidden(customer.get("/api/v1/groups"));
        long group = admin().post("/api/v1/groups", Map.of("name", "Group " + UUID.randomUUID())).id();
        assertForbidden(customer.get("/api/v1/groups/" + group));
    }

    @Test
    void customerSeesOnlyTheirOwnOrganization() {
        String domain = domain();
        long own = newOrganization(false, domain);
        long other = newOrganization(false, domain());
        Api customer = newUser("customer", own, "me@" + domain);
        assertThat(customer.get("/api/v1/organizations/" + own).status()).isEqualTo(200);
        assertNotFound(customer.get("/api/v1/organizations/" + other));
    }

    @Test
    void customerCannotLookUpAnotherUser() {
        Api customer = newUser("customer");
        long other = userId(newUser("customer"));
        long agent = userId(newUser("agent"));
        assertNotFound(customer.get("/api/v1/users/" + other));
        assertNotFound(customer.get("/api/v1/users/" + agent));
        assertThat(customer.get("/api/v1/users/" + userId(customer)).status()).isEqualTo(200);
    }

    // ---- signing in

    @Test
    void requestWithoutCredentialsIs401ProblemWithAChallenge() {
        Api.Reply reply = anonymous().get("/api/v1/tickets");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(401);
        assertThat(reply.headers().allValues("WWW-Authenticate")).isNotEmpty()
                .anySatisfy(v -> assertThat(v).startsWith("Bearer"));
        assertThat(anonymous().post("/api/v1/tickets", Map.of("subject", "x")).status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIs401() {
        String address = email("customer");
        newUser("customer", null, address);
        Api.Reply reply = anonymous().basic(address, "password-wrong").get("/api/v1/users/me");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous().basic("nobody-" + address, "password-customer").get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(anonymous().basic(address, "password-customer").get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void unknownOrRevokedTokenIs401() {
        String address = email("agent");
        Api agent = newUser("agent", null, address);
        assertThat(anonymous().bearer("sb_not-a-token").get("/api/v1/users/me").status()).isEqualTo(401);

        Api.Reply issued = anonymous().basic(address, "password-agent").post("/api/v1/tokens", Map.of("name", "laptop"));
        assertThat(issued.status()).isEqualTo(201);
        Api laptop = anonymous().bearer(issued.text("token"));
        assertThat(laptop.get("/api/v1/users/me").status()).isEqualTo(200);

        assertThat(agent.delete("/api/v1/tokens/" + issued.id()).status()).isEqualTo(204);
        Api.Reply refused = laptop.get("/api/v1/users/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(agent.get("/api/v1/users/me").status()).as("the agent's other token").isEqualTo(200);
    }

    @Test
    void userCannotRevokeSomeoneElsesToken() {
        String address = email("agent");
        newUser("agent", null, address);
        Api.Reply issued = anonymous().basic(address, "password-agent").post("/api/v1/tokens", Map.of("name", "mine"));
        Api other = newUser("agent");
        assertNotFound(other.delete("/api/v1/tokens/" + issued.id()));
        assertThat(anonymous().bearer(issued.text("token")).get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void deactivatedUserIsRefusedWithTokenAndWithPassword() {
        String address = email("agent");
        Api byToken = newUser("agent", null, address);
        Api byPassword = anonymous().basic(address, "password-agent");
        long id = userId(byToken);
        assertThat(byPassword.get("/api/v1/tickets").status()).isEqualTo(200);

        Api.Reply deactivated = admin().patch("/api/v1/users/" + id, Map.of("active", false));
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();

        assertThat(byToken.get("/api/v1/tickets").status()).isEqualTo(401);
        assertThat(byPassword.get("/api/v1/tickets").status()).isEqualTo(401);
        assertThat(byPassword.post("/api/v1/tokens", Map.of("name", "a new one")).status()).isEqualTo(401);

        // reactivating lets the password in again; the old tokens stay revoked
        assertThat(admin().patch("/api/v1/users/" + id, Map.of("active", true)).status()).isEqualTo(200);
        assertThat(byPassword.get("/api/v1/tickets").status()).isEqualTo(200);
        assertThat(byToken.get("/api/v1/tickets").status()).isEqualTo(401);
    }

    // ---- helpers

    private static String domain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    }

    private static List<Long> ids(Api.Reply page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        page.json().get("items").forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    private static void assertNotFound(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }

    private static void assertForbidden(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }
}
