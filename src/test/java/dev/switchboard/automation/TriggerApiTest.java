package dev.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The triggers API: admins only, every bad part of a trigger named with the reason, ordered, audited. */
class TriggerApiTest extends TriggerTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminsCreateReadChangeReorderAndDeleteTriggers() {
        long first = trigger("VIP first", "updated", List.of(when("tags", "in", List.of("vip"))),
                List.of(Map.of("type", "set_priority", "value", "high")));
        long second = trigger("Then escalate", "updated", List.of(when("priority", "equals", "critical"),
                when("assignee_id", "is_not_set", null)), List.of(Map.of("type", "set_group", "value", newGroup()),
                Map.of("type", "send_email", "to", "address", "address", "oncall@example.com", "subject", "Critical #{{ticket.id}}",
                        "body", "{{ticket.subject}}")));
        JsonNode one = admin().get("/api/v1/triggers/" + first).json();
        assertThat(one.get("name").asString()).isEqualTo("VIP first");
        assertThat(one.get("event").asString()).isEqualTo("updated");
        assertThat(one.get("active").asBoolean()).isTrue();
        assertThat(one.get("conditions").get(1).get("operator").asString()).isEqualTo("in");
        assertThat(one.get("actions").get(0).get("type").asString()).isEqualTo("set_priority");
        assertThat(one.has("webhook_secret")).as("the secret has its own, admin-only address").isFalse();
        JsonNode two = admin().get("/api/v1/triggers/" + second).json();
        assertThat(two.get("position").asInt()).isGreaterThan(one.get("position").asInt());
        assertThat(two.get("conditions").get(2).get("operator").asString()).isEqualTo("is_not_set");
        assertThat(two.get("actions").get(1).get("address").asString()).isEqualTo("oncall@example.com");

        Api.Reply changed = admin().patch("/api/v1/triggers/" + second, Map.of("position", 0, "active", false,
                "name", "Escalate"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("active").asBoolean()).isFalse();
        List<Long> order = StreamSupport.stream(admin().get("/api/v1/triggers").json().get("items").spliterator(), false)
                .filter(t -> t.get("event").asString().equals("updated")).map(t -> t.get("id").asLong())
                .filter(id -> id == first || id == second).toList();
        assertThat(order).containsExactly(second, first);

        assertThat(jdbc.sql("select field from audit_events where subject_type = 'trigger' and subject_id = ? and action = 'changed'")
                .param(second).query(String.class).list()).contains("position", "active", "name");
        assertThat(admin().delete("/api/v1/triggers/" + first).status()).isEqualTo(204);
        forget(first);
        assertThat(admin().get("/api/v1/triggers/" + first).status()).isEqualTo(404);
        assertThat(jdbc.sql("select action from audit_events where subject_type = 'trigger' and subject_id = ?")
                .param(first).query(String.class).list()).containsExactly("created", "deleted");
    }

    @Test
    void onlyAdminsMayTouchTriggersOrTheirSecrets() {
        long id = trigger("Admins only", "created", List.of(), List.of(Map.of("type", "add_tags", "value", List.of("x"))));
        for (Api caller : List.of(newUser("agent"), newUser("customer"))) {
            assertThat(caller.get("/api/v1/triggers").status()).isEqualTo(403);
            assertThat(caller.get("/api/v1/triggers/" + id).status()).isEqualTo(403);
            assertThat(caller.get("/api/v1/triggers/" + id + "/runs").status()).isEqualTo(403);
            assertThat(caller.get("/api/v1/triggers/" + id + "/secret").status()).isEqualTo(403);
            assertThat(caller.post("/api/v1/triggers/" + id + "/secret", Map.of()).status()).isEqualTo(403);
            assertThat(caller.post("/api/v1/triggers", Map.of("name", "Mine", "event", "created", "actions",
                    List.of(Map.of("type", "add_tags", "value", List.of("x"))))).status()).isEqualTo(403);
            assertThat(caller.patch("/api/v1/triggers/" + id, Map.of("active", false)).status()).isEqualTo(403);
            assertThat(caller.delete("/api/v1/triggers/" + id).status()).isEqualTo(403);
            assertThat(caller.post("/api/v1/triggers/dry-run", Map.of("ticket_id", 1, "event", "created")).status())
                    .isEqualTo(403);
        }
        assertThat(anonymous().get("/api/v1/triggers").status()).isEqualTo(401);
    }

    @Test
    void aBadTriggerIsRefusedWithEveryReason() {
        Api.Reply bad = admin().post("/api/v1/triggers", Map.of("name", "Bad", "event", "created",
                "conditions", List.of(when("subject", "matches", "(unclosed"), when("mood", "equals", "angry"),
                        when("subject", "sounds_like", "x"), when("to", "equals", "open"), when("tags", "is_set", "x")),
                "actions", List.of(Map.of("type", "explode"), Map.of("type", "set_status", "value", "done"),
                        Map.of("type", "send_email", "to", "boss"), Map.of("type", "add_note", "body", "Hi {{requester.password}}"),
                        Map.of("type", "webhook", "url", "http://127.0.0.1:1/x", "body", "{\"a\": {{ticket.subject}}}"),
                        Map.of("type", "set_group", "value", 999999), Map.of("type", "set_status", "value", "new"),
                        Map.of("type", "add_tags", "value", List.of("ok"), "colour", "red"))));
        assertThat(bad.status()).isEqualTo(422);
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        bad.json().get("errors").forEach(e -> errors.merge(e.get("field").asString(), e.get("message").asString(),
                (a, b) -> a + " | " + b));
        assertThat(errors.get("conditions[0].value")).startsWith("invalid regular expression: Unclosed group");
        assertThat(errors.get("conditions[1].field")).contains("unknown field 'mood'", "assignee_id", "group_id", "status");
        assertThat(errors.get("conditions[2].operator")).contains("unknown operator 'sounds_like'", "not_in", "is_set");
        assertThat(errors.get("conditions[3].field")).contains("status_changed");
        assertThat(errors.get("conditions[4].value")).contains("takes no value");
        assertThat(errors.get("actions[0].type")).contains("unknown action 'explode'", "send_email", "webhook");
        assertThat(errors.get("actions[1].value")).contains("unknown status 'done'");
        assertThat(errors.get("actions[2].to")).contains("requester, assignee, address");
        assertThat(errors.get("actions[2].subject")).contains("template");
        assertThat(errors.get("actions[3].body")).contains("does not render");
        assertThat(errors.get("actions[4].body")).contains("does not render to JSON");
        assertThat(errors.get("actions[5].value")).contains("no group 999999");
        assertThat(errors.get("actions[6].value")).contains("cannot be moved back to new");
        assertThat(errors.get("actions[7].colour")).contains("unknown property");

        assertThat(admin().post("/api/v1/triggers", Map.of("name", "No event", "actions",
                List.of(Map.of("type", "add_tags", "value", List.of("x"))))).body()).contains("event", "required");
        assertThat(admin().post("/api/v1/triggers", Map.of("name", "Odd", "event", "deleted", "actions",
                List.of(Map.of("type", "add_tags", "value", List.of("x"))))).body()).contains("unknown event 'deleted'");
        assertThat(admin().post("/api/v1/triggers", Map.of("name", "Empty", "event", "created", "actions", List.of()))
                .body()).contains("1 to 20 actions");
        assertThat(admin().post("/api/v1/triggers", Map.of("name", "Extra", "event", "created", "when", "always",
                "actions", List.of(Map.of("type", "add_tags", "value", List.of("x"))))).status()).isIn(400, 422);
    }

    @Test
    void aDryRunSaysWhichTriggersWouldFireOnATicketAndChangesNothing() {
        long vip = trigger("VIP", "updated", List.of(when("requester_email", "ends_with", "@vip.example"),
                when("tags", "not_contains", "spam")), List.of(Map.of("type", "set_priority", "value", "critical")));
        long other = trigger("Billing", "updated", List.of(when("category", "equals", "Billing")),
                List.of(Map.of("type", "add_tags", "value", List.of("billing"))));
        long id = ticket(newUser("agent"), "ceo-" + marker + "@vip.example", "Dry");

        Api.Reply dryRun = admin().post("/api/v1/triggers/dry-run", Map.of("ticket_id", id, "event", "updated",
                "changed", List.of("priority")));
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.json().get("matched").toString()).contains(String.valueOf(vip)).doesNotContain(String.valueOf(other));
        JsonNode verdict = StreamSupport.stream(dryRun.json().get("triggers").spliterator(), false)
                .filter(t -> t.get("id").asLong() == other).findFirst().orElseThrow();
        assertThat(verdict.get("matched").asBoolean()).isFalse();
        assertThat(verdict.get("conditions").get(1).get("actual").size()).as("no category").isZero();
        assertThat(ticketJson(id).get("priority").asString()).isEqualTo("normal");
        assertThat(runs(vip)).isEmpty();

        assertThat(admin().post("/api/v1/triggers/dry-run", Map.of("event", "updated")).status()).isEqualTo(422);
        assertThat(admin().post("/api/v1/triggers/dry-run", Map.of("ticket_id", id, "event", "exploded")).status())
                .isEqualTo(422);
        assertThat(admin().post("/api/v1/triggers/dry-run", Map.of("ticket_id", 987654321, "event", "created")).status())
                .isEqualTo(404);
    }

    private long newGroup() {
        Api.Reply group = admin().post("/api/v1/groups", Map.of("name", "Escalations " + marker));
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        return group.id();
    }
}
