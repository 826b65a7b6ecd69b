package dev.switchboard.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SLA over the API: the {@code sla} object on tickets and in lists, calendars and policies managed by
 * admins and read by agents, refused to customers, and holidays imported from an iCalendar file.
 */
class SlaApiTest extends SlaTestSupport {

    @Test
    void everyTicketInTheApiCarriesItsSlaForTheTeam() {
        Api agent = newUser("agent");
        Api customer = newUser("customer");
        long id = open(customer, "high", null);

        JsonNode sla = agent.get("/api/v1/tickets/" + id).json().get("sla");
        assertThat(sla.get("policy_id").asLong()).isPositive();
        assertThat(sla.get("first_response_due_at").asString()).isEqualTo("2026-03-09T13:00:00Z");
        assertThat(sla.get("resolution_due_at").asString()).isEqualTo("2026-03-10T09:00:00Z");
        assertThat(sla.get("first_response_remaining_seconds").asLong()).isEqualTo(4 * 3600);
        assertThat(sla.get("resolution_remaining_seconds").asLong()).isEqualTo(24 * 3600);
        assertThat(sla.get("state").asString()).isEqualTo("ok");
        assertThat(sla.has("first_response_span")).as("page helpers stay out of the JSON").isFalse();

        long requesterId = userId(customer);
        JsonNode items = agent.get("/api/v1/tickets?requester_id=" + requesterId).json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("sla").get("state").asString()).isEqualTo("ok");

        clock.advance(java.time.Duration.ofHours(5));
        JsonNode late = agent.get("/api/v1/tickets/" + id).json().get("sla");
        assertThat(late.get("state").asString()).isEqualTo("breached");
        assertThat(late.get("first_response_remaining_seconds").asLong()).isEqualTo(-3600);

        // targets and escalations are the team's business
        assertThat(customer.get("/api/v1/tickets/" + id).json().has("sla")).isFalse();
        assertThat(customer.get("/api/v1/tickets").json().get("items").get(0).has("sla")).isFalse();
    }

    @Test
    void aFreshInstallHasThe24x7CalendarAndTheDefaultPolicyOnIt() {
        Api agent = newUser("agent");
        JsonNode policies = agent.get("/api/v1/sla-policies").json().get("items");
        JsonNode last = policies.get(policies.size() - 1);
        assertThat(last.get("is_default").asBoolean()).isTrue();
        assertThat(last.get("name").asString()).isEqualTo("Default");
        assertThat(last.get("warning_percent").asInt()).isEqualTo(80);
        assertThat(last.get("targets").get("critical").get("first_response_minutes").asLong()).isEqualTo(60);
        assertThat(last.get("targets").get("low").get("resolution_minutes").asLong()).isEqualTo(7200);

        JsonNode calendar = agent.get("/api/v1/business-calendars/" + last.get("calendar_id").asLong()).json();
        assertThat(calendar.get("name").asString()).isEqualTo("24/7");
        assertThat(calendar.get("time_zone").asString()).isEqualTo("UTC");
        assertThat(calendar.get("weekly_open_hours").asDouble()).isEqualTo(168.0);
        assertThat(calendar.get("opening_hours").get("sunday").get(0).get("to").asString()).isEqualTo("24:00");
    }

    @Test
    void adminsManageCalendarsAndPoliciesAgentsReadThemCustomersAreRefused() {
        Api agent = newUser("agent");
        Api customer = newUser("customer");
        Map<String, Object> calendar = Map.of("name", "Night shift " + category(), "time_zone", "America/New_York",
                "opening_hours", Map.of("monday", List.of(Map.of("from", "22:00", "to", "02:00")),
                        "tuesday", List.of(Map.of("from", "08:00", "to", "12:00"), Map.of("from", "13:00", "to", "17:00"))),
                "holidays", List.of(Map.of("date", "2026-12-25", "yearly", true, "name", "Christmas")));

        assertThat(agent.post("/api/v1/business-calendars", calendar).status()).isEqualTo(403);
        assertThat(customer.get("/api/v1/business-calendars").status()).isEqualTo(403);
        assertThat(customer.get("/api/v1/sla-policies").status()).isEqualTo(403);
        Api.Reply created = admin().post("/api/v1/business-calendars", calendar);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.id();
        assertThat(created.json().get("weekly_open_hours").asDouble()).isEqualTo(12.0);
        assertThat(created.json().get("holidays").get(0).get("yearly").asBoolean()).isTrue();
        assertThat(agent.get("/api/v1/business-calendars/" + id).status()).isEqualTo(200);
        assertThat(customer.get("/api/v1/business-calendars/" + id).status()).isEqualTo(403);

        Api.Reply changed = admin().patch("/api/v1/business-calendars/" + id, Map.of("time_zone", "Europe/Berlin"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.text("time_zone")).isEqualTo("Europe/Berlin");

        Map<String, Object> policy = Map.of("name", "Night " + category(), "calendar_id", id,
                "conditions", Map.of("channel", "email"), "targets", Map.of("critical", Map.of("first_response_minutes", 30)));
        assertThat(agent.post("/api/v1/sla-policies", policy).status()).isEqualTo(403);
        Api.Reply p = admin().post("/api/v1/sla-policies", policy);
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        assertThat(p.json().get("targets").get("critical").get("first_response_minutes").asLong()).isEqualTo(30);
        assertThat(p.json().get("targets").get("critical").get("resolution_minutes").asLong()).isEqualTo(240);
        assertThat(agent.get("/api/v1/sla-policies/" + p.id()).status()).isEqualTo(200);
        assertThat(agent.patch("/api/v1/sla-policies/" + p.id(), Map.of("warning_percent", 50)).status()).isEqualTo(403);
        assertThat(agent.delete("/api/v1/sla-policies/" + p.id()).status()).isEqualTo(403);

        // a calendar in use cannot go; the policy can, then the calendar can
        assertThat(admin().delete("/api/v1/business-calendars/" + id).status()).isEqualTo(409);
        assertThat(admin().delete("/api/v1/sla-policies/" + p.id()).status()).isEqualTo(204);
        assertThat(admin().delete("/api/v1/business-calendars/" + id).status()).isEqualTo(204);
        assertThat(agent.get("/api/v1/business-calendars/" + id).status()).isEqualTo(404);
    }

    @Test
    void policiesApplyInOrderAndTheDefaultOneStaysLast() {
        String category = category();
        long broad = policyFor(category, 0, Map.of("normal", Map.of("first_response_minutes", 100)));
        Api.Reply narrow = admin().post("/api/v1/sla-policies", Map.of("name", "Narrow " + category, "position", 1,
                "conditions", Map.of("category", category, "channel", "api"),
                "targets", Map.of("normal", Map.of("first_response_minutes", 50))));
        assertThat(narrow.status()).as(narrow.body()).isEqualTo(201);

        JsonNode items = admin().get("/api/v1/sla-policies").json().get("items");
        List<Long> order = items.valueStream().map(i -> i.get("id").asLong()).toList();
        assertThat(order.indexOf(narrow.id())).isLessThan(order.indexOf(broad));
        assertThat(items.get(items.size() - 1).get("is_default").asBoolean()).isTrue();

        Api agent = newUser("agent");
        long id = open(agent, "normal", category); // opened through the API: the narrow policy comes first
        assertThat(sla(agent, id).get("policy_id").asLong()).isEqualTo(narrow.id());
        assertThat(sla(agent, id).get("first_response_remaining_seconds").asLong()).isEqualTo(50 * 60);

        assertThat(admin().patch("/api/v1/sla-policies/" + broad, Map.of("position", 1)).status()).isEqualTo(200);
        long second = open(agent, "normal", category);
        assertThat(sla(agent, second).get("policy_id").asLong()).isEqualTo(broad);

        long defaultId = items.get(items.size() - 1).get("id").asLong();
        assertThat(admin().patch("/api/v1/sla-policies/" + defaultId, Map.of("conditions", Map.of("category", "x")))
                .status()).isEqualTo(422);
        assertThat(admin().delete("/api/v1/sla-policies/" + defaultId).status()).isEqualTo(409);
    }

    @Test
    void aCalendarChangedByAnAdminTimesTheVeryNextTicket() {
        String category = category();
        long office = officeCalendar("UTC");
        policyFor(category, office, Map.of("normal", Map.of("first_response_minutes", 60)));
        Api agent = newUser("agent");
        // Monday 09:00 UTC: open
        assertThat(sla(agent, open(agent, "normal", category)).get("first_response_due_at").asString())
                .isEqualTo("2026-03-09T10:00:00Z");

        // the same instant is 18:00 in Tokyo: the office opens at 09:00 there, Tuesday 00:00 UTC
        assertThat(admin().patch("/api/v1/business-calendars/" + office, Map.of("time_zone", "Asia/Tokyo")).status())
                .isEqualTo(200);
        assertThat(sla(agent, open(agent, "normal", category)).get("first_response_due_at").asString())
                .isEqualTo("2026-03-10T01:00:00Z");

        // and Tuesday a holiday: Wednesday
        Api.Reply holiday = admin().patch("/api/v1/business-calendars/" + office,
                Map.of("holidays", List.of(Map.of("date", "2026-03-10", "name", "Closed"))));
        assertThat(holiday.status()).as(holiday.body()).isEqualTo(200);
        assertThat(sla(agent, open(agent, "normal", category)).get("first_response_due_at").asString())
                .isEqualTo("2026-03-11T01:00:00Z");
    }

    @Test
    void badInputIsRefusedWithTheFieldToFix() {
        Api.Reply closed = admin().post("/api/v1/business-calendars", Map.of("name", "Never " + category(),
                "time_zone", "UTC", "opening_hours", Map.of("monday", List.of())));
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.body()).contains("opening_hours", "open hours");

        Api.Reply zone = admin().post("/api/v1/business-calendars", Map.of("name", "Mars " + category(),
                "time_zone", "Mars/Olympus", "opening_hours", Map.of("monday", List.of(Map.of("from", "09:00", "to", "17:00")))));
        assertThat(zone.status()).isEqualTo(422);
        assertThat(zone.body()).contains("time_zone");

        Api.Reply time = admin().post("/api/v1/business-calendars", Map.of("name", "Odd " + category(),
                "time_zone", "UTC", "opening_hours", Map.of("monday", List.of(Map.of("from", "9am", "to", "17:00")))));
        assertThat(time.status()).isEqualTo(422);
        assertThat(time.body()).contains("opening_hours.monday[0].from");

        Api.Reply target = admin().post("/api/v1/sla-policies", Map.of("name", "Zero " + category(),
                "targets", Map.of("high", Map.of("first_response_minutes", 0))));
        assertThat(target.status()).isEqualTo(422);
        assertThat(target.body()).contains("targets.high.first_response_minutes");

        Api.Reply org = admin().post("/api/v1/sla-policies", Map.of("name", "Org " + category(),
                "conditions", Map.of("organization_id", 999_999)));
        assertThat(org.status()).isEqualTo(422);
        assertThat(org.body()).contains("conditions.organization_id");
    }

    @Test
    void holidaysComeFromAnICalendarFile() {
        long id = officeCalendar("Europe/Berlin");
        String ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Switchboard test//EN",
                "BEGIN:VEVENT", "UID:xmas@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20261224",
                "DTEND;VALUE=DATE:20261227", "RRULE:FREQ=YEARLY", "SUMMARY:Christmas", "END:VEVENT",
                "BEGIN:VEVENT", "UID:goodfriday@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20260403",
                "SUMMARY:Good Friday", "END:VEVENT",
                "BEGIN:VEVENT", "UID:cancelled@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20260601",
                "STATUS:CANCELLED", "SUMMARY:Not happening", "END:VEVENT", "END:VCALENDAR", "");
        assertThat(newUser("agent").send("POST", "/api/v1/business-calendars/" + id + "/holidays/import", ics,
                "text/calendar").status()).isEqualTo(403);
        Api.Reply imported = admin().send("POST", "/api/v1/business-calendars/" + id + "/holidays/import", ics, "text/calendar");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("found").asInt()).isEqualTo(4);
        assertThat(imported.json().get("added").asInt()).isEqualTo(4);
        JsonNode holidays = imported.json().get("calendar").get("holidays");
        assertThat(holidays.valueStream().map(h -> h.get("date").asString() + (h.get("yearly").asBoolean() ? " yearly" : "")))
                .containsExactly("2026-04-03", "2026-12-24 yearly", "2026-12-25 yearly", "2026-12-26 yearly");

        // the same file again adds nothing
        Api.Reply again = admin().send("POST", "/api/v1/business-calendars/" + id + "/holidays/import", ics, "text/calendar");
        assertThat(again.json().get("added").asInt()).isZero();

        Api.Reply broken = admin().send("POST", "/api/v1/business-calendars/" + id + "/holidays/import",
                "BEGIN:VCALENDAR\r\nthis is not ical", "text/calendar");
        assertThat(broken.status()).isEqualTo(422);
    }

    @Test
    void groupManagersAreSetByAdminsForExistingStaff() {
        Api agent = newUser("agent");
        Api customer = newUser("customer");
        long group = admin().post("/api/v1/groups", Map.of("name", "Mgmt " + category(), "member_ids", List.of())).id();
        String path = "/api/v1/sla-group-managers/" + group;
        assertThat(agent.send("PUT", path, Map.of("manager_ids", List.of(userId(agent))), "application/json").status())
                .isEqualTo(403);
        assertThat(admin().send("PUT", path, Map.of("manager_ids", List.of(userId(customer))), "application/json").status())
                .isEqualTo(422);
        Api.Reply set = admin().send("PUT", path, Map.of("manager_ids", List.of(userId(agent))), "application/json");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(agent.get(path).json().get("manager_ids").get(0).asLong()).isEqualTo(userId(agent));
        assertThat(customer.get(path).status()).isEqualTo(403);
    }
}
