package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A group's strategy is a field of the group itself, as the issue sketched it: {@code PATCH /api/v1/groups/{id}}. */
class GroupAssignmentFieldTest extends IntegrationTest {

    @Autowired
    AuditTrail audit;

    private long group(Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Field " + UUID.randomUUID()));
        body.putAll(extra);
        Api.Reply created = admin().post("/api/v1/groups", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    @Test
    void patchingTheGroupSetsItsStrategyAndTheGroupShowsIt() {
        Api agent = newUser("agent");
        long agentId = userId(agent);
        long id = group(Map.of("member_ids", List.of(agentId)));
        assertThat(agent.get("/api/v1/groups/" + id).text("assignment")).isEqualTo("manual");

        Api.Reply changed = admin().patch("/api/v1/groups/" + id, Map.of("assignment", "round_robin"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.text("assignment")).isEqualTo("round_robin");
        assertThat(changed.json().get("member_ids").toString()).contains(String.valueOf(agentId));
        assertThat(agent.get("/api/v1/groups/" + id + "/assignment").text("assignment")).isEqualTo("round_robin");
        JsonNode listed = null;
        for (JsonNode g : agent.get("/api/v1/groups").json().get("items")) {
            if (g.get("id").asLong() == id) {
                listed = g;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("assignment").asString()).isEqualTo("round_robin");

        // the group's own URL still works, and both write the same setting
        assertThat(admin().patch("/api/v1/groups/" + id + "/assignment", Map.of("assignment", "least_loaded")).status())
                .isEqualTo(200);
        assertThat(admin().get("/api/v1/groups/" + id).text("assignment")).isEqualTo("least_loaded");

        List<AuditEntry> trail = audit.of("group", id);
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("assignment");
            assertThat(e.newValue()).isEqualTo("round_robin");
            assertThat(e.actorUserId()).isNotNull();
        });
    }

    @Test
    void aGroupCanBeCreatedWithItsStrategy() {
        long id = group(Map.of("assignment", "least_loaded"));
        assertThat(admin().get("/api/v1/groups/" + id).text("assignment")).isEqualTo("least_loaded");
    }

    @Test
    void aBadStrategyChangesNothingAndOthersAreRefused() {
        long id = group(Map.of());
        String name = admin().get("/api/v1/groups/" + id).text("name");

        Api.Reply unknown = admin().patch("/api/v1/groups/" + id, Map.of("name", name + " renamed", "assignment", "lottery"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("assignment").contains("unknown assignment 'lottery'");
        assertThat(admin().get("/api/v1/groups/" + id).text("name")).isEqualTo(name);

        Map<String, Object> nothing = new java.util.HashMap<>();
        nothing.put("assignment", null);
        assertThat(admin().patch("/api/v1/groups/" + id, nothing).status()).isEqualTo(422);
        assertThat(admin().patch("/api/v1/groups/" + id, Map.of("assignment", 3)).status()).isEqualTo(422);
        Api.Reply stranger = admin().patch("/api/v1/groups/" + id, Map.of("colour", "blue"));
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.body()).contains("unknown field 'colour'");
        assertThat(admin().post("/api/v1/groups", Map.of("name", "Bad " + UUID.randomUUID(), "assignment", "lottery"))
                .status()).isEqualTo(422);

        assertThat(newUser("agent").patch("/api/v1/groups/" + id, Map.of("assignment", "round_robin")).status())
                .isEqualTo(403);
        assertThat(newUser("customer").get("/api/v1/groups/" + id).status()).isEqualTo(403);
        assertThat(admin().patch("/api/v1/groups/999999", Map.of("assignment", "manual")).status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/groups/" + id).text("assignment")).isEqualTo("manual");
    }
}
