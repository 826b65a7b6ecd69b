package dev.switchboard.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sla.Sla;
import dev.switchboard.sla.SlaOutcome;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Each ticket's clocks through its life, with a moved clock: due times at creation on the default 24/7
 * calendar and on an office calendar, pausing while pending, reopening, re-aiming on a new priority, and the
 * record for reports. Tickets of other tests share the server, so each test looks at its own tickets only
 * and scopes its policies to a category of its own.
 */
class SlaClockScenarioTest extends SlaTestSupport {

    @Autowired
    Sla sla;

    @Test
    void defaultPolicyDueTimesOnThe24x7CalendarForEachPriority() {
        Api agent = newUser("agent");
        Map<String, long[]> hours = Map.of("critical", new long[] {1, 4}, "high", new long[] {4, 24},
                "normal", new long[] {8, 72}, "low", new long[] {24, 120});
        hours.forEach((priority, due) -> {
            long id = open(agent, priority, null);
            JsonNode s = sla(agent, id);
            assertThat(s.get("policy_name").asString()).isEqualTo("Default");
            assertThat(instant(s, "first_response_due_at")).as(priority).isEqualTo(MONDAY_9.plus(Duration.ofHours(due[0])));
            assertThat(instant(s, "resolution_due_at")).as(priority).isEqualTo(MONDAY_9.plus(Duration.ofHours(due[1])));
            assertThat(s.get("first_response_remaining_seconds").asLong()).isEqualTo(due[0] * 3600);
            assertThat(s.get("resolution_remaining_seconds").asLong()).isEqualTo(due[1] * 3600);
            assertThat(s.get("state").asString()).isEqualTo("ok");
        });
    }

    @Test
    void dueTimesOnAMondayToFriday9To17CalendarInBerlin() {
        String category = category();
        long calendar = officeCalendar("Europe/Berlin");
        policyFor(category, calendar, Map.of());
        Api agent = newUser("agent");
        clock.set(Instant.parse("2026-03-06T14:00:00Z")); // Friday 15:00 in Berlin: two office hours left this week

        Map<String, String[]> expected = Map.of(
                "critical", new String[] {"2026-03-06T15:00:00Z", "2026-03-09T10:00:00Z"},  // 1 h; 2 h Fri + 2 h Mon
                "high", new String[] {"2026-03-09T10:00:00Z", "2026-03-11T14:00:00Z"},      // 4 h; 24 h = 2+8+8+6
                "normal", new String[] {"2026-03-09T14:00:00Z", "2026-03-19T14:00:00Z"},    // 8 h; 72 h = 2+40+30
                "low", new String[] {"2026-03-11T14:00:00Z", "2026-03-27T14:00:00Z"});      // 24 h; 120 h = 2+80+38
        expected.forEach((priority, due) -> {
            long id = open(agent, priority, category);
            JsonNode s = sla(agent, id);
            assertThat(instant(s, "first_response_due_at")).as(priority).isEqualTo(Instant.parse(due[0]));
            assertThat(instant(s, "resolution_due_at")).as(priority).isEqualTo(Instant.parse(due[1]));
        });

        // on Saturday the office is closed: remaining business time does not shrink over the weekend
        long id = open(agent, "normal", category);
        clock.set(Instant.parse("2026-03-07T12:00:00Z"));
        assertThat(sla(agent, id).get("first_response_remaining_seconds").asLong()).isEqualTo(6 * 3600);
    }

    @Test
    void pendingPausesBothClocksAndLeavingPendingPushesThemByTheWait() {
        Api agent = newUser("agent");
        Api customer = newUser("customer");
        long id = open(customer, "normal", null); // 8 h / 72 h on the 24/7 calendar
        clock.advance(Duration.ofHours(2));
        assertThat(patch(agent, id, Map.of("status", "pending")).status()).isEqualTo(200);

        clock.advance(Duration.ofHours(10));
        JsonNode paused = sla(agent, id);
        assertThat(paused.get("state").asString()).isEqualTo("paused");
        assertThat(paused.get("first_response_state").asString()).isEqualTo("paused");
        assertThat(paused.get("first_response_remaining_seconds").asLong()).isEqualTo(6 * 3600); // frozen at the pause
        assertThat(instant(paused, "paused_since")).isEqualTo(MONDAY_9.plus(Duration.ofHours(2)));

        // the requester answers: pending ends, both clocks are pushed by the 10 hours waited
        assertThat(customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Here it is")).status()).isEqualTo(201);
        JsonNode resumed = sla(agent, id);
        assertThat(resumed.get("state").asString()).isEqualTo("ok");
        assertThat(instant(resumed, "first_response_due_at")).isEqualTo(MONDAY_9.plus(Duration.ofHours(18)));
        assertThat(instant(resumed, "resolution_due_at")).isEqualTo(MONDAY_9.plus(Duration.ofHours(82)));
        assertThat(resumed.get("first_response_remaining_seconds").asLong()).isEqualTo(6 * 3600);
        assertThat(resumed.get("paused_since").isNull()).isTrue();
    }

    @Test
    void pauseCountsOnlyBusinessTimeOnAnOfficeCalendar() {
        String category = category();
        policyFor(category, officeCalendar("UTC"), Map.of());
        Api agent = newUser("agent");
        clock.set(Instant.parse("2026-03-06T15:00:00Z")); // Friday 15:00 UTC
        long id = open(agent, "normal", category); // first response due Monday 15:00
        clock.set(Instant.parse("2026-03-06T16:00:00Z"));
        assertThat(patch(agent, id, Map.of("status", "pending")).status()).isEqualTo(200);
        clock.set(Instant.parse("2026-03-09T10:00:00Z")); // pending until Monday 10:00: 1 h Fri + 1 h Mon of business time
        assertThat(patch(agent, id, Map.of("status", "in_progress")).status()).isEqualTo(200);
        assertThat(instant(sla(agent, id), "first_response_due_at")).isEqualTo(Instant.parse("2026-03-09T17:00:00Z"));
    }

    @Test
    void firstPublicAgentReplyMeetsFirstResponseAndIsRecordedForReports() {
        Api agent = newUser("agent");
        long id = open(agent, "high", null); // 4 h / 24 h
        clock.advance(Duration.ofMinutes(30));
        agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Looking", "internal", true));
        assertThat(sla(agent, id).get("first_response_state").asString()).isEqualTo("ok"); // a note does not count
        clock.advance(Duration.ofMinutes(30));
        agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "On it"));

        JsonNode s = sla(agent, id);
        assertThat(s.get("first_response_state").asString()).isEqualTo("met");
        assertThat(instant(s, "first_response_met_at")).isEqualTo(MONDAY_9.plus(Duration.ofHours(1)));
        assertThat(s.get("first_response_remaining_seconds").asLong()).isEqualTo(3 * 3600);
        assertThat(s.get("state").asString()).isEqualTo("ok");
        assertThat(sla.outcomes(id)).singleElement().satisfies(o -> {
            assertThat(o.target()).isEqualTo(SlaTarget.FIRST_RESPONSE);
            assertThat(o.met()).isTrue();
            assertThat(o.marginSeconds()).isEqualTo(3 * 3600);
            assertThat(o.priority()).isEqualTo("high");
        });
    }

    @Test
    void aMissedTargetIsRecordedWithHowLateItWas() {
        Api agent = newUser("agent");
        long id = open(agent, "critical", null); // 1 h / 4 h
        clock.advance(Duration.ofHours(5));
        assertThat(patch(agent, id, Map.of("status", "resolved")).status()).isEqualTo(200);
        List<SlaOutcome> outcomes = sla.outcomes(id);
        assertThat(outcomes).extracting(SlaOutcome::target, SlaOutcome::met, SlaOutcome::marginSeconds)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(SlaTarget.FIRST_RESPONSE, false, -4 * 3600L),
                        org.assertj.core.groups.Tuple.tuple(SlaTarget.RESOLUTION, false, -3600L));
        assertThat(sla(agent, id).get("state").asString()).isEqualTo("met");
    }

    @Test
    void reopeningResumesTheResolutionClockWithTheTimeItHadLeft() {
        Api agent = newUser("agent");
        Api customer = newUser("customer");
        long id = open(customer, "high", null); // resolution 24 h
        clock.advance(Duration.ofHours(10));
        assertThat(patch(agent, id, Map.of("status", "resolved")).status()).isEqualTo(200);
        assertThat(sla.outcomes(id)).anySatisfy(o -> assertThat(o.target()).isEqualTo(SlaTarget.RESOLUTION));

        clock.advance(Duration.ofHours(30)); // long after the old due time
        assertThat(customer.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Broken again")).status()).isEqualTo(201);
        JsonNode s = sla(agent, id);
        assertThat(s.get("resolution_state").asString()).isEqualTo("ok");
        assertThat(s.get("resolution_remaining_seconds").asLong()).isEqualTo(14 * 3600);
        assertThat(instant(s, "resolution_due_at")).isEqualTo(clock.instant().plus(Duration.ofHours(14)));
        assertThat(sla.outcomes(id)).noneMatch(o -> o.target() == SlaTarget.RESOLUTION); // running again

        clock.advance(Duration.ofHours(4));
        patch(agent, id, Map.of("status", "resolved"));
        assertThat(sla.outcomes(id)).filteredOn(o -> o.target() == SlaTarget.RESOLUTION).singleElement()
                .satisfies(o -> assertThat(o.marginSeconds()).isEqualTo(10 * 3600));
    }

    @Test
    void anotherPriorityReaimsTheRunningClocksFromTheStart() {
        Api agent = newUser("agent");
        long id = open(agent, "normal", null);
        clock.advance(Duration.ofMinutes(20));
        assertThat(patch(agent, id, Map.of("priority", "critical")).status()).isEqualTo(200);
        JsonNode s = sla(agent, id);
        assertThat(instant(s, "first_response_due_at")).isEqualTo(MONDAY_9.plus(Duration.ofHours(1)));
        assertThat(instant(s, "resolution_due_at")).isEqualTo(MONDAY_9.plus(Duration.ofHours(4)));
    }

    @Test
    void aCategoryThatAnotherPolicyTakesMovesTheTicketToThatPolicy() {
        String category = category();
        long policy = policyFor(category, 0, Map.of("critical", Map.of("first_response_minutes", 5, "resolution_minutes", 30)));
        Api agent = newUser("agent");
        long id = open(agent, "critical", null);
        assertThat(sla(agent, id).get("policy_name").asString()).isEqualTo("Default");
        patch(agent, id, Map.of("category", category));
        JsonNode s = sla(agent, id);
        assertThat(s.get("policy_id").asLong()).isEqualTo(policy);
        assertThat(instant(s, "first_response_due_at")).isEqualTo(MONDAY_9.plus(Duration.ofMinutes(5)));
        JsonNode history = agent.get("/api/v1/tickets/" + id + "/history").json().get("items");
        assertThat(history.valueStream().anyMatch(h -> "sla_policy".equals(text(h, "field"))
                && "sla".equals(text(h, "actor_system")))).isTrue();
    }

    @Test
    void breachingSoonListsTicketsByTheirNextDueTime() {
        Api agent = newUser("agent");
        clock.set(START.plus(Duration.ofDays(400))); // clear of other tests' tickets
        long later = open(agent, "high", null);   // due in 4 h
        long sooner = open(agent, "critical", null); // due in 1 h
        List<Long> soon = sla.breachingSoon(Duration.ofHours(2), 100);
        assertThat(soon).contains(sooner).doesNotContain(later);
        assertThat(sla.breachingSoon(Duration.ofHours(5), 100)).containsSubsequence(sooner, later);
    }
}
