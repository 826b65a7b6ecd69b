package dev.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

/**
 * Triggers are global, and test classes share one server: every trigger a test makes names a marker only its
 * own tickets carry (in the subject), and is deleted after the test.
 */
abstract class TriggerTestSupport extends IntegrationTest {

    private final List<Long> made = new ArrayList<>();

    /** A word only this test's tickets carry in their subject. */
    protected final String marker = "m" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void deleteTriggers() {
        made.forEach(id -> admin().delete("/api/v1/triggers/" + id));
        made.clear();
    }

    protected Map<String, Object> onlyMine() {
        return when("subject", "contains", marker);
    }

    protected static Map<String, Object> when(String field, String operator, Object value) {
        return value == null ? Map.of("field", field, "operator", operator)
                : Map.of("field", field, "operator", operator, "value", value);
    }

    protected long trigger(String name, String event, List<Map<String, Object>> conditions,
                           List<Map<String, Object>> actions) {
        List<Object> all = new ArrayList<>(conditions);
        all.add(0, onlyMine());
        Api.Reply created = admin().post("/api/v1/triggers", Map.of("name", name, "event", event, "conditions", all,
                "actions", actions));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        made.add(created.id());
        return created.id();
    }

    protected void forget(long triggerId) {
        made.remove(triggerId);
    }

    /** A trigger made another way than {@link #trigger} (a page's form), to be deleted after the test too. */
    protected void madeThroughPage(long triggerId) {
        made.add(triggerId);
    }

    /** A ticket of this test, opened by an agent for the requester. */
    protected long ticket(Api as, String requester, String subject) {
        return openTicket(as, requester, subject + " " + marker).id();
    }

    protected List<JsonNode> outbox(long ticketId, String kind) {
        JsonNode items = admin().get("/api/v1/outbox?ticket_id=" + ticketId + "&limit=100").json().get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(i -> kind == null || kind.equals(i.get("kind").asString())).toList();
    }

    protected JsonNode ticketJson(long id) {
        return admin().get("/api/v1/tickets/" + id).json();
    }

    protected List<String> tags(long id) {
        return StreamSupport.stream(ticketJson(id).get("tags").spliterator(), false).map(JsonNode::asString).toList();
    }

    protected List<JsonNode> runs(long triggerId) {
        JsonNode items = admin().get("/api/v1/triggers/" + triggerId + "/runs").json().get("items");
        return StreamSupport.stream(items.spliterator(), false).toList();
    }
}
