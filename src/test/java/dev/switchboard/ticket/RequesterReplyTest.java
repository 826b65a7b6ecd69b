package dev.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a reply does to a ticket: the requester's reopens it or opens a follow-up; the agent's is the first response. */
class RequesterReplyTest extends IntegrationTest {

    @Test
    void customerReplyOnPendingTicketMovesItToOpen() {
        Api customer = newUser("customer");
        Api agent = newUser("agent");
        long customerId = userId(customer);
        long id = openTicket(customer, null, "Cannot print").id();
        assertThat(patch(agent, id, Map.of("status", "pending")).status()).isEqualTo(200);
        clock.advance(Duration.ofHours(2));

        Api.Reply reply = customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Here is the log you asked for"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("ticket_id").asLong()).isEqualTo(id);

        assertThat(agent.get("/api/v1/tickets/" + id).text("status")).isEqualTo("open");
        JsonNode last = last(statusChanges(agent, id));
        assertThat(last.get("old_value").asString()).isEqualTo("pending");
        assertThat(last.get("new_value").asString()).isEqualTo("open");
        assertThat(last.get("actor_id").asLong()).isEqualTo(customerId);
        assertThat(last.get("actor_system").isNull()).isTrue();
        assertThat(last.get("occurred_at").asString()).startsWith("2026-03-02T11:00");
    }

    @Test
    void customerReplyReopensResolvedTicket() {
        Api customer = newUser("customer");
        Api agent = newUser("agent");
        long customerId = userId(customer);
        long id = openTicket(customer, null, "Email bounces").id();
        Api.Reply resolved = patch(agent, id, Map.of("status", "resolved"));
        assertThat(resolved.text("resolved_at")).isNotNull();
        assertThat(resolved.json().get("reopen_count").asInt()).isZero();

        assertThat(customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Still bouncing")).status()).isEqualTo(201);

        JsonNode ticket = agent.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(ticket.get("reopen_count").asInt()).isEqualTo(1);
        assertThat(ticket.get("resolved_at").isNull()).isTrue();
        JsonNode last = last(statusChanges(agent, id));
        assertThat(last.get("old_value").asString()).isEqualTo("resolved");
        assertThat(last.get("new_value").asString()).isEqualTo("open");
        assertThat(last.get("actor_id").asLong()).isEqualTo(customerId);
    }

    @Test
    void customerReplyOnAWorkingTicketLeavesItsStatusAlone() {
        Api customer = newUser("customer");
        Api agent = newUser("agent");
        long id = openTicket(customer, null, "Slow VPN").id();
        patch(agent, id, Map.of("status", "in_progress"));
        assertThat(customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Any news?")).status()).isEqualTo(201);
        JsonNode ticket = agent.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("status").asString()).isEqualTo("in_progress");
        assertThat(ticket.get("reopen_count").asInt()).isZero();
    }

    @Test
    void requesterMessageOnClosedTicketOpensALinkedFollowUp() {
        Api customer = newUser("customer");
        Api agent = newUser("agent");
        long customerId = userId(customer);
        long closed = openTicket(customer, null, "Laptop battery").id();
        patch(agent, closed, Map.of("status", "resolved"));
        assertThat(patch(agent, closed, Map.of("status", "closed")).status()).isEqualTo(200);
        JsonNode before = agent.get("/api/v1/tickets/" + closed).json();
        JsonNode messagesBefore = agent.get("/api/v1/tickets/" + closed + "/messages").json();
        int historyBefore = agent.get("/api/v1/tickets/" + closed + "/history").json().get("items").size();
        clock.advance(Duration.ofDays(3));

        Api.Reply reply = customer.post("/api/v1/tickets/" + closed + "/messages", Map.of("body", "It died again"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        long followUp = reply.json().get("ticket_id").asLong();
        assertThat(followUp).isNotEqualTo(closed);
        assertThat(reply.header("Location")).isEqualTo("/api/v1/tickets/" + followUp + "/messages/" + reply.id());

        JsonNode ticket = customer.get("/api/v1/tickets/" + followUp).json();
        assertThat(ticket.get("follow_up_of_id").asLong()).isEqualTo(closed);
        assertThat(ticket.get("status").asString()).isEqualTo("new");
        assertThat(ticket.get("requester").get("id").asLong()).isEqualTo(customerId);
        assertThat(ticket.get("subject").asString()).isEqualTo("Laptop battery");
        JsonNode messages = customer.get("/api/v1/tickets/" + followUp + "/messages").json().get("items");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("id").asLong()).isEqualTo(reply.id());
        assertThat(messages.get(0).get("body_text").asString()).isEqualTo("It died again");
        assertThat(messages.get(0).get("author").get("id").asLong()).isEqualTo(customerId);
        assertThat(listed(customer)).contains(closed, followUp);

        // the closed ticket is final: same status, same version, same messages, nothing new in its history
        assertThat(agent.get("/api/v1/tickets/" + closed).json()).isEqualTo(before);
        assertThat(agent.get("/api/v1/tickets/" + closed + "/messages").json()).isEqualTo(messagesBefore);
        assertThat(agent.get("/api/v1/tickets/" + closed + "/history").json().get("items")).hasSize(historyBefore);
    }

    @Test
    void agentReplyOnClosedTicketIs409() {
        Api customer = newUser("customer");
        Api agent = newUser("agent");
        long closed = openTicket(customer, null, "Spam?").id();
        assertThat(patch(agent, closed, Map.of("status", "closed", "reason", "spam")).status()).isEqualTo(200);

        Api.Reply reply = agent.post("/api/v1/tickets/" + closed + "/messages", Map.of("body", "One more thing"));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.text("detail")).contains("closed");
        assertThat(agent.post("/api/v1/tickets/" + closed + "/messages", Map.of("body", "note", "internal", true)).status())
                .isEqualTo(409);

        assertThat(agent.get("/api/v1/tickets/" + closed + "/messages").json().get("items")).hasSize(1);
        assertThat(agent.get("/api/v1/tickets/" + closed).text("status")).isEqualTo("closed");
        assertThat(listed(customer)).containsExactly(closed);
    }

    @Test
    void agentsFirstPublicReplySetsFirstResponseAndOpensTheTicketButAnInternalNoteDoesNeither() {
        Api agent = newUser("agent");
        long agentId = userId(agent);
        long id = openTicket(agent, email("req"), "Need a licence").id();
        String messages = "/api/v1/tickets/" + id + "/messages";

        clock.advance(Duration.ofMinutes(10));
        assertThat(agent.post(messages, Map.of("body", "Checking the licence pool", "internal", true)).status()).isEqualTo(201);
        JsonNode afterNote = agent.get("/api/v1/tickets/" + id).json();
        assertThat(afterNote.get("status").asString()).isEqualTo("new");
        assertThat(afterNote.get("first_response_at").isNull()).isTrue();

        clock.advance(Duration.ofMinutes(20));
        assertThat(agent.post(messages, Map.of("body", "Your licence is on its way")).status()).isEqualTo(201);
        JsonNode afterReply = agent.get("/api/v1/tickets/" + id).json();
        assertThat(afterReply.get("status").asString()).isEqualTo("open");
        assertThat(afterReply.get("first_response_at").asString()).startsWith("2026-03-02T09:30");
        JsonNode opened = last(statusChanges(agent, id));
        assertThat(opened.get("old_value").asString()).isEqualTo("new");
        assertThat(opened.get("new_value").asString()).isEqualTo("open");
        assertThat(opened.get("actor_id").asLong()).isEqualTo(agentId);

        clock.advance(Duration.ofHours(1));
        assertThat(agent.post(messages, Map.of("body", "Did it arrive?")).status()).isEqualTo(201);
        assertThat(agent.get("/api/v1/tickets/" + id).text("first_response_at")).startsWith("2026-03-02T09:30");
        assertThat(statusChanges(agent, id)).hasSize(1); // opened once, by the first reply
    }

    private static List<JsonNode> statusChanges(Api agent, long id) {
        Api.Reply history = agent.get("/api/v1/tickets/" + id + "/history");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        List<JsonNode> changes = new ArrayList<>();
        history.json().get("items").forEach(h -> {
            JsonNode field = h.get("field");
            if (field != null && !field.isNull() && field.asString().equals("status")) {
                changes.add(h);
            }
        });
        return changes;
    }

    private static JsonNode last(List<JsonNode> entries) {
        assertThat(entries).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    private static List<Long> listed(Api as) {
        List<Long> ids = new ArrayList<>();
        as.get("/api/v1/tickets?limit=100").json().get("items").forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }
}
