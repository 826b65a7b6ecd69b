package dev.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class TicketApiTest extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void agentCreatesTicketForRequesterWhoBecomesACustomer() {
        Api agent = newUser("agent");
        String requester = email("Carol");
        Api.Reply created = agent.post("/api/v1/tickets", Map.of("subject", "VPN drops every hour",
                "description", "Since Monday.\n\nLogs attached.",
                "requester", Map.of("email", requester.toUpperCase(), "name", "Carol"),
                "priority", "high", "category", "network", "tags", List.of("VPN", " remote ")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/tickets/" + created.id());
        JsonNode ticket = created.json();
        assertThat(ticket.get("status").asString()).isEqualTo("new");
        assertThat(ticket.get("version").asInt()).isZero();
        assertThat(ticket.get("priority").asString()).isEqualTo("high");
        assertThat(ticket.get("channel").asString()).isEqualTo("api");
        assertThat(ticket.get("requester").get("name").asString()).isEqualTo("Carol");
        assertThat(ticket.get("tags").toString()).isEqualTo("[\"remote\",\"vpn\"]");
        assertThat(ticket.get("created_at").asString()).endsWith("Z").startsWith("2026-03-02T09:00");

        JsonNode messages = agent.get("/api/v1/tickets/" + created.id() + "/messages").json().get("items");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("body_html").asString()).isEqualTo("<p>Since Monday.</p><p>Logs attached.</p>");

        // the same address in any case is the same person
        Api.Reply second = openTicket(agent, requester, "Another");
        assertThat(second.json().get("requester").get("id").asLong()).isEqualTo(ticket.get("requester").get("id").asLong());
    }

    @Test
    void customerWhoCreatesATicketIsItsRequester() {
        Api customer = newUser("customer");
        Api.Reply created = openTicket(customer, null, "My invoice is wrong");
        assertThat(created.json().get("requester").get("id").asLong()).isEqualTo(userId(customer));
    }

    @Test
    void theAnswerToACreateIsWhatEveryLaterReadGives() {
        // the answer is built from what the transaction wrote, not read back: it must not differ in any field
        clock.set(START.plusNanos(123_456_789));
        Api agent = newUser("agent");
        Api.Reply created = agent.post("/api/v1/tickets", Map.of("subject", "  Printer on fire ", "description",
                "Second floor.\n\nSmoke.", "priority", "high", "category", "facilities", "tags", List.of("Fire", "b-tag", "a"),
                "requester", Map.of("email", "Mixed.Case@Example.COM", "name", "Mixed Case")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Reply read = agent.get("/api/v1/tickets/" + created.id());
        assertThat(created.json()).isEqualTo(read.json());
        assertThat(created.header("ETag")).isEqualTo(read.header("ETag"));
    }

    @Test
    void aTicketWithoutDescriptionOrTagsHasNoMessageButItsCreationIsInTheHistory() {
        Api agent = newUser("agent");
        Api.Reply created = agent.post("/api/v1/tickets", Map.of("subject", "Call me back",
                "requester", Map.of("email", email("terse"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("tags")).isEmpty();
        assertThat(agent.get("/api/v1/tickets/" + created.id() + "/messages").json().get("items")).isEmpty();
        JsonNode history = agent.get("/api/v1/tickets/" + created.id() + "/history").json().get("items");
        assertThat(history.toString()).contains("\"created\"");
        assertThat(jdbc.sql("select from_status, to_status, actor_user_id from ticket_transitions where ticket_id = ?")
                .param(created.id()).query((rs, n) -> rs.getString(1) + ">" + rs.getString(2) + " by " + rs.getLong(3)).list())
                .containsExactly("null>new by " + userId(agent));
    }

    @Test
    void ticketWithoutPriorityIsNormal() {
        assertThat(openTicket(newUser("agent"), email("dan"), "Hello").text("priority")).isEqualTo("normal");
    }

    @Test
    void listFiltersByStatusAssigneeAndPriorityAndPagesWithACursor() {
        Api agent = newUser("agent");
        long agentId = userId(agent);
        String requester = email("paged");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(openTicket(agent, requester, "Paged " + i).id());
        }
        long requesterId = agent.get("/api/v1/tickets/" + ids.get(0)).json().get("requester").get("id").asLong();
        patch(agent, ids.get(1), Map.of("assignee_id", agentId, "status", "in_progress", "priority", "critical"));

        Set<Long> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page = agent.get("/api/v1/tickets?requester_id=" + requesterId + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(t -> seen.add(t.get("id").asLong()));
            cursor = page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(pages).isEqualTo(3);

        JsonNode mine = agent.get("/api/v1/tickets?assignee_id=me&status=in_progress,pending&priority=critical").json().get("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("id").asLong()).isEqualTo(ids.get(1));
        JsonNode unassigned = agent.get("/api/v1/tickets?requester_id=" + requesterId + "&assignee_id=none").json().get("items");
        assertThat(unassigned).hasSize(4);
    }

    @Test
    void listRefusesBadFilterValuesByName() {
        Api agent = newUser("agent");
        Api.Reply status = agent.get("/api/v1/tickets?status=open,sleeping");
        assertThat(status.status()).isEqualTo(422);
        assertThat(status.text("detail")).contains("sleeping").contains("in_progress");
        assertThat(agent.get("/api/v1/tickets?limit=500").status()).isEqualTo(422);
        assertThat(agent.get("/api/v1/tickets?cursor=garbage!").status()).isEqualTo(422);
        assertThat(agent.get("/api/v1/tickets?group_id=abc").status()).isEqualTo(400);
    }

    @Test
    void patchChangesFieldsAndAnswersTheNewVersionAndETag() {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("e"), "Patch me").id();
        Api.Reply changed = agent.patch("/api/v1/tickets/" + id, Map.of("version", 0, "status", "open",
                "priority", "low", "category", "billing", "tags", List.of("a", "b")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("version").asInt()).isEqualTo(1);
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");
        assertThat(changed.text("status")).isEqualTo("open");
        assertThat(changed.text("category")).isEqualTo("billing");

        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("version", 1);
        clear.put("category", null);
        Api.Reply cleared = agent.patch("/api/v1/tickets/" + id, clear);
        assertThat(cleared.json().get("category").isNull()).isTrue();
        assertThat(cleared.text("priority")).isEqualTo("low");
    }

    @Test
    void staleVersionIsALostUpdateAnswered409AndStaleIfMatch412() {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("f"), "Race").id();
        assertThat(agent.patch("/api/v1/tickets/" + id, Map.of("version", 0, "priority", "high")).status()).isEqualTo(200);

        Api.Reply stale = agent.patch("/api/v1/tickets/" + id, Map.of("version", 0, "priority", "low"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text("detail")).contains("your version 0, now 1");

        Api.Reply staleHeader = agent.header("If-Match", "\"0\"").patch("/api/v1/tickets/" + id, Map.of("priority", "low"));
        assertThat(staleHeader.status()).isEqualTo(412);
        Api.Reply freshHeader = agent.header("If-Match", "\"1\"").patch("/api/v1/tickets/" + id, Map.of("priority", "low"));
        assertThat(freshHeader.status()).isEqualTo(200);
        assertThat(agent.get("/api/v1/tickets/" + id).text("priority")).isEqualTo("low");
    }

    @Test
    void patchWithoutAnyVersionIsRefused() {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("g"), "No version").id();
        Api.Reply reply = agent.patch("/api/v1/tickets/" + id, Map.of("priority", "high"));
        assertThat(reply.status()).isEqualTo(428);
        assertThat(agent.get("/api/v1/tickets/" + id).text("priority")).isEqualTo("normal");
    }

    @Test
    void illegalTransitionIs409NamingTheAllowedTargets() {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("h"), "Pending").id();
        patch(agent, id, Map.of("status", "pending"));
        Api.Reply refused = patch(agent, id, Map.of("status", "open"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("allowed").toString()).isEqualTo("[\"in_progress\",\"resolved\",\"closed\"]");
        assertThat(refused.text("detail")).contains("requester replies");
    }

    @Test
    void unknownStatusPriorityAndReasonAreRefusedByName() {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("i"), "Names").id();
        Api.Reply status = patch(agent, id, Map.of("status", "done"));
        assertThat(status.status()).isEqualTo(422);
        assertThat(status.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(status.text("detail")).contains("'done'");
        assertThat(patch(agent, id, Map.of("priority", "urgent")).text("detail")).contains("'urgent'").contains("critical");
        assertThat(patch(agent, id, Map.of("status", "closed", "reason", "bored")).status()).isEqualTo(422);
        Api.Reply create = agent.post("/api/v1/tickets", Map.of("subject", "x", "priority", "asap",
                "requester", Map.of("email", email("j"))));
        assertThat(create.status()).isEqualTo(422);
        assertThat(create.text("detail")).contains("'asap'");
    }

    @Test
    void closingAnUnresolvedTicketNeedsAReasonAndRecordsIt() {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("k"), "Buy cheap watches").id();
        assertThat(patch(agent, id, Map.of("status", "closed")).status()).isEqualTo(422);
        Api.Reply closed = patch(agent, id, Map.of("status", "closed", "reason", "spam"));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.text("closed_at")).isNotNull();
        JsonNode history = agent.get("/api/v1/tickets/" + id + "/history").json().get("items");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("field").asString()).isEqualTo("status");
        assertThat(last.get("new_value").asString()).isEqualTo("closed");
        assertThat(last.get("reason").asString()).isEqualTo("spam");
    }

    @Test
    void createValidatesEachFieldAndListsThem() {
        Api agent = newUser("agent");
        Api.Reply reply = agent.post("/api/v1/tickets", Map.of("subject", "", "requester", Map.of("email", "not-an-address")));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("subject", "requester.email");

        Api.Reply noRequester = agent.post("/api/v1/tickets", Map.of("subject", "Who is this for?"));
        assertThat(noRequester.status()).isEqualTo(422);
        assertThat(noRequester.text("detail")).startsWith("requester");

        Api.Reply badTag = agent.post("/api/v1/tickets", Map.of("subject", "x", "tags", List.of("has space"),
                "requester", Map.of("email", email("l"))));
        assertThat(badTag.status()).isEqualTo(422);
    }

    @Test
    void malformedJsonAndUnknownFieldsAre400NotErrors() {
        Api agent = newUser("agent");
        Api.Reply broken = agent.send("POST", "/api/v1/tickets", "{\"subject\": ", "application/json");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.text("title")).isEqualTo("Malformed request body");
        Api.Reply unknown = agent.send("POST", "/api/v1/tickets", "{\"subject\":\"x\",\"priorty\":\"high\"}", "application/json");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("detail")).contains("priorty");
        Api.Reply wrongType = agent.send("POST", "/api/v1/tickets", "{\"subject\":{\"a\":1}}", "application/json");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.text("detail")).contains("subject");
        Api.Reply array = agent.send("POST", "/api/v1/tickets", "[1, 2]", "application/json");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.text("detail")).isEqualTo("The body must be a JSON object with the fields this call takes.");
        Api.Reply notJson = agent.send("POST", "/api/v1/tickets", "subject=x", "text/plain");
        assertThat(notJson.status()).isEqualTo(415);
        Api.Reply nullTag = agent.send("POST", "/api/v1/tickets",
                "{\"subject\":\"x\",\"tags\":[null],\"requester\":{\"email\":\"" + email("m") + "\"}}", "application/json");
        assertThat(nullTag.status()).isEqualTo(422);
    }

    @Test
    void oversizedBodiesAre413() {
        Api agent = newUser("agent");
        String huge = "{\"subject\":\"big\",\"description\":\"" + "a".repeat(1_100_000) + "\"}";
        Api.Reply reply = agent.send("POST", "/api/v1/tickets", huge, "application/json");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.text("title")).isEqualTo("Request too large");
    }

    @Test
    void idempotencyKeyReplaysTheFirstTicketInsteadOfCreatingASecond() {
        Api agent = newUser("agent").header("Idempotency-Key", "create-" + email("key"));
        String requester = email("n");
        Map<String, Object> body = Map.of("subject", "Once only", "requester", Map.of("email", requester));
        Api.Reply first = agent.post("/api/v1/tickets", body);
        Api.Reply retry = agent.post("/api/v1/tickets", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.id()).isEqualTo(first.id());
        long requesterId = first.json().get("requester").get("id").asLong();
        assertThat(agent.get("/api/v1/tickets?requester_id=" + requesterId).json().get("items")).hasSize(1);

        Api.Reply different = agent.post("/api/v1/tickets", Map.of("subject", "Something else", "requester", Map.of("email", requester)));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.text("detail")).contains("Idempotency-Key");
    }

    @Test
    void historyRecordsEveryChangeWithOldAndNewValuesAndTheActor() {
        Api agent = newUser("agent");
        long agentId = userId(agent);
        Api.Reply group = admin().post("/api/v1/groups", Map.of("name", "Tier " + email("o"), "member_ids", List.of(agentId)));
        long id = openTicket(agent, email("p"), "Audit me").id();
        clock.advance(java.time.Duration.ofMinutes(5));
        patch(agent, id, Map.of("assignee_id", agentId, "group_id", group.id(), "priority", "high",
                "category", "hardware", "tags", List.of("x"), "status", "in_progress"));

        JsonNode history = agent.get("/api/v1/tickets/" + id + "/history").json().get("items");
        assertThat(history.get(0).get("action").asString()).isEqualTo("created");
        Map<String, String[]> changes = new java.util.HashMap<>();
        history.forEach(h -> {
            if (h.get("field") != null && !h.get("field").isNull()) {
                changes.put(h.get("field").asString(), new String[] {
                        h.get("old_value").isNull() ? null : h.get("old_value").asString(),
                        h.get("new_value").asString(), h.get("actor_id").isNull() ? null : h.get("actor_id").asString(),
                        h.get("occurred_at").asString()});
            }
        });
        assertThat(changes.keySet()).containsExactlyInAnyOrder("assignee_id", "group_id", "priority", "category", "tags", "status");
        assertThat(changes.get("priority")).startsWith("normal", "high", String.valueOf(agentId));
        assertThat(changes.get("status")[0]).isEqualTo("new");
        assertThat(changes.get("status")[1]).isEqualTo("in_progress");
        assertThat(changes.get("assignee_id")[1]).isEqualTo(String.valueOf(agentId));
        assertThat(changes.get("status")[3]).startsWith("2026-03-02T09:05");
    }

    @Test
    void assigningToACustomerOrAMissingGroupIsRefused() {
        Api agent = newUser("agent");
        Api customer = newUser("customer");
        long id = openTicket(agent, email("q"), "Assign").id();
        Api.Reply toCustomer = patch(agent, id, Map.of("assignee_id", userId(customer)));
        assertThat(toCustomer.status()).isEqualTo(422);
        assertThat(toCustomer.text("detail")).contains("assignee_id");
        assertThat(patch(agent, id, Map.of("group_id", 999_999)).status()).isEqualTo(422);
        assertThat(agent.get("/api/v1/tickets/999999").status()).isEqualTo(404);
    }

    @Test
    void openApiDescriptionIsPublished() {
        Api.Reply docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/tickets")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/tickets/{id}/history")).isTrue();
    }

    @Test
    void healthIsUpWhenTheDatabaseIsReachable() {
        Api.Reply health = anonymous().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
    }
}
