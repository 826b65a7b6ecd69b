package dev.switchboard.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What the SLA tests share: opening tickets, reading their {@code sla}, office calendars, scoped policies. */
abstract class SlaTestSupport extends IntegrationTest {

    /**
     * A Monday 09:00 UTC a week after {@link #START}: SLA tests open their tickets here rather than at the
     * instant every other test shares, so their many tickets never crowd another test's time window.
     */
    static final Instant MONDAY_9 = START.plus(java.time.Duration.ofDays(7));

    @org.junit.jupiter.api.BeforeEach
    void startOnMonday() {
        clock.set(MONDAY_9);
    }

    static String category() {
        return "sla-" + UUID.randomUUID().toString().substring(0, 8);
    }

    long open(Api as, String priority, String category) {
        Map<String, Object> body = new HashMap<>(Map.of("subject", "SLA " + priority, "description", "Clock test",
                "priority", priority));
        if (category != null) {
            body.put("category", category);
        }
        if (as != null && !isCustomer(as)) {
            body.put("requester", Map.of("email", email("req"), "name", "Requester"));
        }
        Api.Reply reply = as.post("/api/v1/tickets", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }

    private static boolean isCustomer(Api as) {
        return "customer".equals(as.get("/api/v1/users/me").text("role"));
    }

    static JsonNode slaOf(Api as, long ticketId) {
        Api.Reply ticket = as.get("/api/v1/tickets/" + ticketId);
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(200);
        JsonNode node = ticket.json().get("sla");
        assertThat(node).as("sla of #" + ticketId + " in " + ticket.body()).isNotNull();
        return node;
    }

    JsonNode sla(Api as, long ticketId) {
        return slaOf(as, ticketId);
    }

    static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.get(field).asString());
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Monday to Friday, 09:00–17:00, in the zone given. */
    long officeCalendar(String zone) {
        Map<String, Object> nineToFive = Map.of("from", "09:00", "to", "17:00");
        Map<String, Object> hours = new HashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            hours.put(day, List.of(nineToFive));
        }
        Api.Reply created = admin().post("/api/v1/business-calendars", Map.of("name", "Office " + UUID.randomUUID(),
                "time_zone", zone, "opening_hours", hours));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    /** A policy for tickets of one category, first in line; calendar 0 keeps the default calendar. */
    long policyFor(String category, long calendar, Map<String, Object> targets) {
        return policyFor(category, calendar, targets, null);
    }

    long policyFor(String category, long calendar, Map<String, Object> targets, Map<String, Object> breachActions) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Policy " + category, "position", 1,
                "conditions", Map.of("category", category), "targets", targets));
        if (calendar != 0) {
            body.put("calendar_id", calendar);
        }
        if (breachActions != null) {
            body.put("breach_actions", breachActions);
        }
        Api.Reply created = admin().post("/api/v1/sla-policies", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }
}
