package dev.switchboard.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sla.SlaBreached;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.sla.SlaWarned;
import dev.switchboard.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/**
 * Warnings and breaches, found by the sweep (run by hand: scheduling is off in tests) after moving the clock:
 * each lands once in the ticket's history, a breach sets off the policy's actions, and two sweeps at once
 * still act once per ticket.
 */
@RecordApplicationEvents
class BreachSweepTest extends SlaTestSupport {

    @Autowired
    BreachSweep sweep;

    @Autowired
    ApplicationEvents events;

    @Test
    void warningComesAt80PercentOfTheTargetAndOnlyOnce() {
        Api agent = newUser("agent");
        long id = open(agent, "critical", null); // first response 1 h: warning at 48 min
        clock.advance(Duration.ofMinutes(47));
        sweep.sweepDue();
        assertThat(slaHistory(agent, id)).isEmpty();
        assertThat(sla(agent, id).get("state").asString()).isEqualTo("ok");

        clock.advance(Duration.ofMinutes(1));
        sweep.sweepDue();
        sweep.sweepDue();
        assertThat(slaHistory(agent, id)).singleElement().satisfies(h -> {
            assertThat(text(h, "action")).isEqualTo("sla_warning");
            assertThat(text(h, "field")).isEqualTo("first_response");
            assertThat(text(h, "actor_system")).isEqualTo("sla");
            assertThat(text(h, "new_value")).isEqualTo(MONDAY_9.plus(Duration.ofHours(1)).toString());
        });
        assertThat(sla(agent, id).get("state").asString()).isEqualTo("warning");
        assertThat(events.stream(SlaWarned.class).filter(e -> e.ticketId() == id)).singleElement()
                .satisfies(e -> assertThat(e.target()).isEqualTo(SlaTarget.FIRST_RESPONSE));
    }

    @Test
    void breachNotifiesTheGroupsManagersRaisesThePriorityAndReassigns() {
        Api manager = newUser("agent");
        long managerId = userId(manager);
        String managerName = manager.get("/api/v1/users/me").text("name");
        long team = group("Team", managerId);
        assertThat(admin().send("PUT", "/api/v1/sla-group-managers/" + team,
                Map.of("manager_ids", List.of(managerId)), "application/json").status()).isEqualTo(200);
        Api escalationAgent = newUser("agent");
        long escalationAgentId = userId(escalationAgent);
        long escalationGroup = group("Escalations", escalationAgentId);
        String category = category();
        policyFor(category, 0, Map.of(), Map.of("notify_managers", true, "raise_priority", true,
                "escalate_group_id", escalationGroup, "escalate_agent_id", escalationAgentId));

        Api agent = newUser("agent");
        long id = open(agent, "normal", category); // first response 8 h
        patch(agent, id, Map.of("group_id", team));
        clock.advance(Duration.ofHours(8));
        sweep.sweepDue();

        JsonNode ticket = agent.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("priority").asString()).isEqualTo("high");
        assertThat(ticket.get("group_id").asLong()).isEqualTo(escalationGroup);
        assertThat(ticket.get("assignee_id").asLong()).isEqualTo(escalationAgentId);
        assertThat(ticket.get("sla").get("first_response_state").asString()).isEqualTo("breached");

        List<JsonNode> history = slaHistory(agent, id);
        assertThat(history).extracting(h -> text(h, "action"))
                .containsExactly("sla_warning", "sla_breached", "sla_escalated");
        assertThat(text(history.get(2), "reason")).contains("priority normal → high", "moved to group " + escalationGroup,
                "assigned to", managerName);
        List<JsonNode> bySla = allHistory(agent, id).stream().filter(h -> "sla".equals(text(h, "actor_system"))).toList();
        assertThat(bySla).extracting(h -> text(h, "field")).contains("priority", "group_id", "assignee_id");

        JsonNode note = lastMessage(agent, id);
        assertThat(note.get("internal").asBoolean()).isTrue();
        assertThat(note.get("body_text").asString()).contains("SLA breached", "first response", managerName);
        assertThat(events.stream(SlaBreached.class).filter(e -> e.ticketId() == id)).singleElement()
                .satisfies(e -> assertThat(e.managerIds()).containsExactly(managerId));

        // nothing happens twice, and the raised priority's earlier due time is not a second breach
        sweep.sweepDue();
        assertThat(slaHistory(agent, id)).hasSize(3);
        assertThat(agent.get("/api/v1/tickets/" + id).json().get("priority").asString()).isEqualTo("high");
    }

    @Test
    void breachWithoutManagersSaysSoAndACriticalTicketStaysCritical() {
        String category = category();
        policyFor(category, 0, Map.of(), Map.of("notify_managers", true, "raise_priority", true));
        Api agent = newUser("agent");
        long id = open(agent, "critical", category);
        clock.advance(Duration.ofHours(1));
        sweep.sweepDue();
        assertThat(lastMessage(agent, id).get("body_text").asString()).contains("no manager to notify");
        assertThat(agent.get("/api/v1/tickets/" + id).json().get("priority").asString()).isEqualTo("critical");
        assertThat(events.stream(SlaBreached.class).filter(e -> e.ticketId() == id)).singleElement()
                .satisfies(e -> assertThat(e.managerIds()).isEmpty());
    }

    @Test
    void aPausedTicketIsNotBreachedWhileItWaitsOnTheCustomer() {
        Api agent = newUser("agent");
        long id = open(agent, "critical", null);
        patch(agent, id, Map.of("status", "pending"));
        clock.advance(Duration.ofHours(6));
        sweep.sweepDue();
        assertThat(slaHistory(agent, id)).isEmpty();
        assertThat(sla(agent, id).get("state").asString()).isEqualTo("paused");
    }

    @Test
    void aLowerPriorityAfterABreachGivesANewDueTimeThatCanBreachAgain() {
        Api agent = newUser("agent");
        long id = open(agent, "critical", null); // first response 1 h
        clock.advance(Duration.ofHours(1));
        sweep.sweepDue();
        assertThat(warningsAndBreaches(agent, id)).containsExactly("sla_warning", "sla_breached");
        patch(agent, id, Map.of("priority", "low")); // first response 24 h from the start
        assertThat(sla(agent, id).get("first_response_state").asString()).isEqualTo("ok");
        clock.advance(Duration.ofHours(23));
        sweep.sweepDue();
        assertThat(warningsAndBreaches(agent, id)).containsExactly("sla_warning", "sla_breached", "sla_warning",
                "sla_breached");
    }

    @Test
    void twoSweepsAtOnceActOnEachTicketExactlyOnce() throws Exception {
        clock.set(START.plus(Duration.ofDays(500))); // far past every other test's tickets: clear them first
        sweep.sweepDue();
        Api agent = newUser("agent");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(open(agent, "critical", null));
        }
        clock.advance(Duration.ofMinutes(61)); // first response warned and breached at once

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sweeps.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return sweep.sweepDue();
                }));
            }
            int recorded = 0;
            for (Future<Integer> s : sweeps) {
                recorded += s.get(2, TimeUnit.MINUTES);
            }
            assertThat(recorded).isEqualTo(2 * ids.size());
        } finally {
            pool.shutdownNow();
        }
        for (long id : ids) {
            assertThat(slaHistory(agent, id)).as("SLA history of #" + id).extracting(h -> text(h, "action"))
                    .containsExactly("sla_warning", "sla_breached", "sla_escalated");
            long notes = agent.get("/api/v1/tickets/" + id + "/messages").json().get("items").valueStream()
                    .filter(m -> m.get("body_text").asString().startsWith("SLA breached")).count();
            assertThat(notes).as("breach notes on #" + id).isEqualTo(1);
        }
    }

    // ---- helpers

    private long group(String name, long memberId) {
        Api.Reply created = admin().post("/api/v1/groups", Map.of("name", name + " " + category(),
                "member_ids", List.of(memberId)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    static List<JsonNode> allHistory(Api as, long id) {
        List<JsonNode> all = new ArrayList<>();
        as.get("/api/v1/tickets/" + id + "/history").json().get("items").forEach(all::add);
        return all;
    }

    /** The warnings, breaches and escalations in a ticket's history. */
    static List<JsonNode> slaHistory(Api as, long id) {
        return allHistory(as, id).stream().filter(h -> text(h, "action").startsWith("sla_")).toList();
    }

    private static List<String> warningsAndBreaches(Api as, long id) {
        return slaHistory(as, id).stream().map(h -> text(h, "action")).filter(a -> !a.equals("sla_escalated")).toList();
    }

    static JsonNode lastMessage(Api as, long id) {
        JsonNode items = as.get("/api/v1/tickets/" + id + "/messages").json().get("items");
        return items.get(items.size() - 1);
    }
}
