package dev.switchboard.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.time.Duration;
import java.time.Instant;
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
import tools.jackson.databind.JsonNode;

/**
 * Resolved tickets close themselves after 48 h without a requester reply. Scheduling is off in tests, so
 * each test runs the sweep itself after moving the clock. Other tests' resolved tickets may fall due too:
 * assertions look at this test's own tickets only.
 */
class AutoCloseTest extends IntegrationTest {

    @Autowired
    AutoClose autoClose;

    @Test
    void resolvedTicketStaysResolvedAt47HoursAndIsClosedAt48() {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("req"), "Resolved and forgotten").id();
        assertThat(patch(agent, id, Map.of("status", "resolved")).status()).isEqualTo(200);

        clock.advance(Duration.ofHours(47));
        autoClose.closeDue();
        assertThat(agent.get("/api/v1/tickets/" + id).text("status")).isEqualTo("resolved");

        clock.advance(Duration.ofHours(1));
        autoClose.closeDue();
        JsonNode ticket = agent.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("status").asString()).isEqualTo("closed");
        assertThat(Instant.parse(ticket.get("closed_at").asString())).isEqualTo(START.plus(Duration.ofHours(48)));

        JsonNode closing = closings(agent, id).get(0);
        assertThat(closing.get("old_value").asString()).isEqualTo("resolved");
        assertThat(closing.get("actor_system").asString()).isEqualTo("auto-close");
        assertThat(closing.get("actor_id").isNull()).isTrue();
        assertThat(Instant.parse(closing.get("occurred_at").asString())).isEqualTo(START.plus(Duration.ofHours(48)));
    }

    @Test
    void requesterReplyAfterResolutionRestartsThe48Hours() {
        Api agent = newUser("agent");
        Api customer = newUser("customer");
        long id = openTicket(customer, null, "Flaky Wi-Fi").id();
        patch(agent, id, Map.of("status", "resolved"));

        clock.advance(Duration.ofHours(24));
        assertThat(customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "It is back")).status()).isEqualTo(201);
        assertThat(agent.get("/api/v1/tickets/" + id).text("status")).isEqualTo("open");
        clock.advance(Duration.ofHours(1));
        assertThat(patch(agent, id, Map.of("status", "resolved")).status()).isEqualTo(200); // resolved again at 25 h

        clock.advance(Duration.ofHours(24)); // 49 h after the first resolution, 24 h after the second
        autoClose.closeDue();
        assertThat(agent.get("/api/v1/tickets/" + id).text("status")).isEqualTo("resolved");

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        autoClose.closeDue();
        assertThat(agent.get("/api/v1/tickets/" + id).text("status")).isEqualTo("resolved");

        clock.advance(Duration.ofMinutes(1)); // 48 h after the second resolution
        autoClose.closeDue();
        JsonNode ticket = agent.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("status").asString()).isEqualTo("closed");
        assertThat(ticket.get("reopen_count").asInt()).isEqualTo(1);
        assertThat(closings(agent, id)).singleElement()
                .satisfies(c -> assertThat(c.get("actor_system").asString()).isEqualTo("auto-close"));
    }

    @Test
    void twoSweepsAtOnceCloseEachDueTicketExactlyOnce() throws Exception {
        // far past anything the other tests resolve: a first sweep clears their due tickets out of the way
        clock.set(START.plus(Duration.ofDays(365)));
        autoClose.closeDue();

        Api agent = newUser("agent");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long id = openTicket(agent, email("bulk"), "Bulk " + i).id();
            assertThat(agent.patch("/api/v1/tickets/" + id, Map.of("version", 0, "status", "resolved")).status()).isEqualTo(200);
            ids.add(id);
        }
        clock.advance(Duration.ofHours(48));

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sweeps.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return autoClose.closeDue();
                }));
            }
            int closed = 0;
            for (Future<Integer> sweep : sweeps) {
                closed += sweep.get(2, TimeUnit.MINUTES);
            }
            assertThat(closed).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }

        for (long id : ids) {
            assertThat(agent.get("/api/v1/tickets/" + id).text("status")).isEqualTo("closed");
            assertThat(closings(agent, id)).as("closings of #" + id).singleElement()
                    .satisfies(c -> assertThat(c.get("actor_system").asString()).isEqualTo("auto-close"));
        }
    }

    /** The history entries that moved the ticket to closed. */
    private static List<JsonNode> closings(Api agent, long id) {
        List<JsonNode> closings = new ArrayList<>();
        agent.get("/api/v1/tickets/" + id + "/history").json().get("items").forEach(h -> {
            JsonNode field = h.get("field");
            if (field != null && !field.isNull() && field.asString().equals("status")
                    && h.get("new_value").asString().equals("closed")) {
                closings.add(h);
            }
        });
        return closings;
    }
}
