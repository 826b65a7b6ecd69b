package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Routing rules: saved only when valid, run in order on every new ticket, explained by a dry run. */
class RoutingRulesTest extends IntegrationTest {

    private long newGroup(String name, long... members) {
        Api.Reply group = admin().post("/api/v1/groups", Map.of("name", name + " " + UUID.randomUUID(),
                "member_ids", java.util.Arrays.stream(members).boxed().toList()));
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        return group.id();
    }

    private Api.Reply rule(String name, int position, List<Map<String, Object>> conditions,
                           List<Map<String, Object>> actions) {
        return admin().post("/api/v1/routing-rules", Map.of("name", name, "position", position,
                "conditions", conditions, "actions", actions));
    }

    private static Map<String, Object> when(String field, String operator, Object value) {
        return Map.of("field", field, "operator", operator, "value", value);
    }

    private static Map<String, Object> then(String type, Object value) {
        return Map.of("type", type, "value", value);
    }

    private JsonNode ticket(long id) {
        return admin().get("/api/v1/tickets/" + id).json();
    }

    @Test
    void aMatchingRuleSetsGroupPriorityAndTagsOfANewTicket() {
        String marker = "inv" + UUID.randomUUID().toString().substring(0, 8);
        long billing = newGroup("Billing");
        Api.Reply saved = rule("Invoices to billing", 1, List.of(when("subject", "contains", marker)),
                List.of(then("set_group", billing), then("set_priority", "high"), then("add_tags", List.of("billing"))));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().get("conditions").get(0).get("operator").asString()).isEqualTo("contains");

        Api agent = newUser("agent");
        long id = openTicket(agent, email("req"), "Question about " + marker.toUpperCase()).id();

        JsonNode ticket = ticket(id);
        assertThat(ticket.get("group_id").asLong()).isEqualTo(billing);
        assertThat(ticket.get("priority").asString()).isEqualTo("high");
        assertThat(ticket.get("tags").toString()).contains("billing");
        JsonNode history = admin().get("/api/v1/tickets/" + id + "/history").json().get("items");
        assertThat(history.toString()).contains("\"actor_system\":\"routing\"");

        Api.Reply other = openTicket(agent, email("req"), "Nothing to do with it");
        assertThat(ticket(other.id()).get("group_id").isNull()).isTrue();
    }

    @Test
    void rulesRunInOrderLaterOnesWinAndStopEndsRouting() {
        String marker = "ord" + UUID.randomUUID().toString().substring(0, 8);
        long first = newGroup("First");
        long second = newGroup("Second");
        long third = newGroup("Third");
        assertThat(rule("later", 20, List.of(when("body", "contains", marker)), List.of(then("set_group", second)))
                .status()).isEqualTo(201);
        assertThat(rule("earlier", 10, List.of(when("body", "contains", marker)), List.of(then("set_group", first)))
                .status()).isEqualTo(201);
        Api agent = newUser("agent");
        long id = openTicket(agent, email("req"), "Ordered " + marker).id(); // the body is "Details of <subject>"
        assertThat(ticket(id).get("group_id").asLong()).isEqualTo(second);

        Api.Reply stopper = admin().post("/api/v1/routing-rules", Map.of("name", "stopper", "position", 15,
                "conditions", List.of(when("body", "contains", marker)), "actions", List.of(then("set_group", third)),
                "stop", true));
        assertThat(stopper.status()).as(stopper.body()).isEqualTo(201);
        long next = openTicket(agent, email("req"), "Ordered again " + marker).id();
        assertThat(ticket(next).get("group_id").asLong()).isEqualTo(third);
    }

    @Test
    void aRuleChangedSwitchedOffOrDeletedRoutesTheVeryNextTicketAccordingly() {
        String marker = "chg" + UUID.randomUUID().toString().substring(0, 8);
        long first = newGroup("Before");
        long second = newGroup("After");
        Api.Reply saved = rule("changing " + marker, 1, List.of(when("subject", "contains", marker)),
                List.of(then("set_group", first)));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        Api agent = newUser("agent");
        assertThat(ticket(openTicket(agent, email("req"), "One " + marker).id()).get("group_id").asLong()).isEqualTo(first);

        // each change is seen by the next ticket on this node, with no wait for the rules' cache to expire
        Api.Reply changed = admin().patch("/api/v1/routing-rules/" + saved.id(),
                Map.of("actions", List.of(then("set_group", second))));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(ticket(openTicket(agent, email("req"), "Two " + marker).id()).get("group_id").asLong()).isEqualTo(second);

        assertThat(admin().patch("/api/v1/routing-rules/" + saved.id(), Map.of("active", false)).status()).isEqualTo(200);
        assertThat(ticket(openTicket(agent, email("req"), "Three " + marker).id()).get("group_id").isNull()).isTrue();

        assertThat(admin().patch("/api/v1/routing-rules/" + saved.id(), Map.of("active", true)).status()).isEqualTo(200);
        assertThat(ticket(openTicket(agent, email("req"), "Four " + marker).id()).get("group_id").asLong()).isEqualTo(second);
        assertThat(admin().delete("/api/v1/routing-rules/" + saved.id()).status()).isEqualTo(204);
        assertThat(ticket(openTicket(agent, email("req"), "Five " + marker).id()).get("group_id").isNull()).isTrue();
    }

    @Test
    void requesterDomainAndOrganizationRouteToTheAccountManager() {
        String domain = "acme-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        long org = newOrganization(false, domain);
        Api manager = newUser("agent");
        long managerId = userId(manager);
        assertThat(rule("Acme to its manager", 5, List.of(when("organization_id", "equals", org),
                when("requester_email", "ends_with", "@" + domain)), List.of(then("assign", managerId))).status())
                .isEqualTo(201);

        long id = openTicket(newUser("agent"), "boss@" + domain, "Our printer").id();
        assertThat(ticket(id).get("assignee_id").asLong()).isEqualTo(managerId);
    }

    @Test
    void invalidRulesAreRefusedWithTheReason() {
        Api.Reply badRegex = rule("bad", 1, List.of(when("subject", "matches", "(unclosed")),
                List.of(then("set_priority", "high")));
        assertThat(badRegex.status()).isEqualTo(422);
        assertThat(badRegex.body()).contains("conditions[0].value").contains("invalid regular expression");

        Api.Reply badField = rule("bad", 1, List.of(when("mood", "equals", "angry")), List.of(then("set_priority", "high")));
        assertThat(badField.status()).isEqualTo(422);
        assertThat(badField.body()).contains("conditions[0].field").contains("unknown field 'mood'");

        Api.Reply badOperator = rule("bad", 1, List.of(when("subject", "sounds_like", "x")),
                List.of(then("set_priority", "high")));
        assertThat(badOperator.status()).isEqualTo(422);
        assertThat(badOperator.body()).contains("unknown operator 'sounds_like'");

        Api.Reply badAction = rule("bad", 1, List.of(), List.of(then("delete_ticket", 1)));
        assertThat(badAction.status()).isEqualTo(422);
        assertThat(badAction.body()).contains("unknown action 'delete_ticket'");

        Api.Reply noGroup = rule("bad", 1, List.of(), List.of(then("set_group", 999_999)));
        assertThat(noGroup.status()).isEqualTo(422);
        assertThat(noGroup.body()).contains("no group 999999");

        Api.Reply inNeedsList = rule("bad", 1, List.of(when("priority", "in", "high")), List.of(then("add_tags", List.of("x"))));
        assertThat(inNeedsList.status()).isEqualTo(422);

        Api.Reply notJson = admin().send("POST", "/api/v1/routing-rules", "{\"name\":", "application/json");
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void aCatastrophicPatternCannotStallIntake() {
        String marker = "evil" + UUID.randomUUID().toString().substring(0, 8);
        long group = newGroup("Never");
        assertThat(rule("catastrophic", 1, List.of(when("subject", "contains", marker), when("body", "matches", "(.*a){25}x")),
                List.of(then("set_group", group))).status()).isEqualTo(201);

        Api agent = newUser("agent");
        Api.Reply created = agent.post("/api/v1/tickets", Map.of("subject", "Pathological " + marker,
                "description", "a".repeat(64) + "!", "requester", Map.of("email", email("req"), "name", "R")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(ticket(created.id()).get("group_id").isNull()).isTrue();

        Api.Reply dryRun = admin().post("/api/v1/routing-rules/dry-run", Map.of("subject", "x " + marker,
                "body", "a".repeat(64) + "!"));
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.body()).contains("counts as no match");
    }

    @Test
    void aDryRunSaysWhichRulesMatchedAndWhy() {
        String marker = "dry" + UUID.randomUUID().toString().substring(0, 8);
        long group = newGroup("Dry");
        long ruleId = rule("Urgent " + marker, 1, List.of(when("subject", "matches", "(?i)\\b" + marker + "\\b"),
                when("priority", "in", List.of("high", "critical")), when("tags", "equals", "vip")),
                List.of(then("set_group", group), then("set_category", "Outage"))).id();

        Api agent = newUser("agent");
        Api.Reply run = agent.post("/api/v1/routing-rules/dry-run", Map.of("subject", "Site down " + marker,
                "body", "help", "requester_email", "a@b.example", "channel", "email", "priority", "critical",
                "tags", List.of("VIP")));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonNode json = run.json();
        assertThat(json.get("matched").toString()).contains(String.valueOf(ruleId));
        assertThat(json.get("result").get("group_id").asLong()).isEqualTo(group);
        assertThat(json.get("result").get("category").asString()).isEqualTo("Outage");
        JsonNode verdict = null;
        for (JsonNode r : json.get("rules")) {
            if (r.get("id").asLong() == ruleId) {
                verdict = r;
            }
        }
        assertThat(verdict).isNotNull();
        assertThat(verdict.get("conditions")).hasSize(3).allSatisfy(c -> assertThat(c.get("matched").asBoolean()).isTrue());

        Api.Reply miss = agent.post("/api/v1/routing-rules/dry-run", Map.of("subject", "Site down " + marker,
                "priority", "low", "tags", List.of("vip")));
        for (JsonNode r : miss.json().get("rules")) {
            if (r.get("id").asLong() == ruleId) {
                assertThat(r.get("matched").asBoolean()).isFalse();
                assertThat(r.get("conditions").get(1).get("matched").asBoolean()).isFalse();
                assertThat(r.get("conditions").get(1).get("actual").toString()).contains("low");
            }
        }
        assertThat(agent.post("/api/v1/routing-rules/dry-run", Map.of("channel", "pigeon")).status()).isEqualTo(422);
    }

    @Test
    void adminsManageAgentsReadCustomersAreRefusedAndChangesAreAudited() {
        long group = newGroup("Managed");
        long id = rule("Managed rule", 3, List.of(when("channel", "equals", "email")), List.of(then("set_group", group))).id();
        Api agent = newUser("agent");
        Api customer = newUser("customer");

        assertThat(agent.get("/api/v1/routing-rules").status()).isEqualTo(200);
        assertThat(agent.get("/api/v1/routing-rules/" + id).json().get("name").asString()).isEqualTo("Managed rule");
        assertThat(agent.post("/api/v1/routing-rules", Map.of("name", "x", "actions", List.of(then("set_priority", "low"))))
                .status()).isEqualTo(403);
        assertThat(customer.get("/api/v1/routing-rules").status()).isEqualTo(403);
        assertThat(customer.post("/api/v1/routing-rules/dry-run", Map.of("subject", "x")).status()).isEqualTo(403);

        Api.Reply changed = admin().patch("/api/v1/routing-rules/" + id, Map.of("position", 4, "active", false));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("position").asInt()).isEqualTo(4);
        assertThat(changed.json().get("active").asBoolean()).isFalse();
        assertThat(admin().patch("/api/v1/routing-rules/" + id, Map.of("actions", List.of())).status()).isEqualTo(422);

        assertThat(admin().delete("/api/v1/routing-rules/" + id).status()).isEqualTo(204);
        assertThat(admin().get("/api/v1/routing-rules/" + id).status()).isEqualTo(404);
    }
}
