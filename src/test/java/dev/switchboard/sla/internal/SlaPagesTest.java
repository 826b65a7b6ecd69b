package dev.switchboard.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sla.SlaView;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.JsonNode;

/** The admin pages under /admin/sla, and the timer fragment the ticket pages include. */
class SlaPagesTest extends SlaTestSupport {

    @Autowired
    ITemplateEngine templates;

    @Test
    void adminsListCreateAndEditCalendarsAndPolicies() {
        WebSession admin = adminSession();
        HttpResponse<String> index = admin.get("/admin/sla");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Service levels", "Default", "24/7", "1 h / 4 h", "24 h / 120 h",
                "href=\"/admin\"");
        assertThat(admin.get("/admin").body()).contains("href=\"/admin/sla\"");

        String name = "Support desk " + category();
        Map<String, String> calendar = new LinkedHashMap<>(Map.of("name", name, "timeZone", "Europe/Berlin",
                "hours_monday", "09:00-12:00, 13:00-17:00", "hours_friday", "22:00-02:00",
                "holidays", "2026-12-25 yearly Christmas\n2026-04-03 Good Friday"));
        HttpResponse<String> created = admin.post("/admin/sla/calendars", calendar, "/admin/sla/calendars/new");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String page = java.net.URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        long calendarId = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
        JsonNode stored = admin().get("/api/v1/business-calendars/" + calendarId).json();
        assertThat(stored.get("opening_hours").get("monday")).hasSize(2);
        assertThat(stored.get("opening_hours").get("friday").get(0).get("to").asString()).isEqualTo("02:00");
        assertThat(stored.get("holidays")).hasSize(2);
        assertThat(admin.get(page).body()).contains("09:00-12:00, 13:00-17:00", "2026-12-25 yearly Christmas");

        // a refused form comes back with what was typed and why
        calendar.put("hours_monday", "nine to five");
        HttpResponse<String> refused = admin.post(page, calendar, page);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("nine to five", "is not like 09:00-17:00");

        byte[] ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "BEGIN:VEVENT",
                "UID:may@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20260501", "SUMMARY:Labour Day",
                "END:VEVENT", "END:VCALENDAR", "").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> imported = admin.postFile(page + "/holidays/import", "file", "days.ics", "text/calendar", ics, page);
        assertThat(imported.statusCode()).isEqualTo(302);
        assertThat(admin.get(page).body()).contains("Imported 1 new holidays", "2026-05-01 Labour Day");

        Map<String, String> policy = new LinkedHashMap<>(Map.of("name", "Phone " + category(), "position", "1",
                "calendarId", String.valueOf(calendarId), "channel", "phone", "warningPercent", "75",
                "raisePriority", "on"));
        for (String p : new String[] {"low", "normal", "high", "critical"}) {
            policy.put("first_" + p, "0.5");
            policy.put("resolution_" + p, "8");
        }
        HttpResponse<String> createdPolicy = admin.post("/admin/sla/policies", policy, "/admin/sla/policies/new");
        assertThat(createdPolicy.statusCode()).as(createdPolicy.body()).isEqualTo(302);
        String policyPage = java.net.URI.create(createdPolicy.headers().firstValue("Location").orElseThrow()).getPath();
        JsonNode p = admin().get("/api/v1/sla-policies/" + policyPage.substring(policyPage.lastIndexOf('/') + 1)).json();
        assertThat(p.get("targets").get("high").get("first_response_minutes").asLong()).isEqualTo(30);
        assertThat(p.get("conditions").get("channel").asString()).isEqualTo("phone");
        assertThat(p.get("warning_percent").asInt()).isEqualTo(75);
        assertThat(p.get("breach_actions").get("raise_priority").asBoolean()).isTrue();
        assertThat(p.get("breach_actions").get("notify_managers").asBoolean()).isFalse();
        assertThat(admin.get("/admin/sla").body()).contains(p.get("name").asString(), "channel phone", "0 h 30 min / 8 h");

        HttpResponse<String> deleted = admin.post(policyPage + "/delete", Map.of(), policyPage);
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(admin().get("/api/v1/sla-policies/" + p.get("id").asLong()).status()).isEqualTo(404);
    }

    @Test
    void theSlaPagesAndTheirLinkAreForAdminsOnly() {
        Api agent = newUser("agent");
        String email = agent.get("/api/v1/users/me").text("email");
        WebSession session = new WebSession(port);
        session.signIn(email, "password-agent");
        assertThat(session.get("/admin/sla").statusCode()).isEqualTo(403);
        assertThat(session.get("/admin/sla/policies/new").statusCode()).isEqualTo(403);
        assertThat(session.get("/tickets").body()).doesNotContain("href=\"/admin/sla\"").doesNotContain("href=\"/admin\"");
    }

    @Test
    void theTimerFragmentShowsBothTargets() {
        SlaView view = new SlaView(1, "Default", "warning", Instant.parse("2026-03-02T10:00:00Z"), 8100, "warning", null,
                Instant.parse("2026-03-02T13:00:00Z"), -3660, "breached", null, null);
        String html = templates.process("sla/timer", Set.of("timer"), new Context(Locale.ENGLISH, Map.of("sla", view)));
        assertThat(html).contains("sla-warning", "2 h 15 min left", "due 2026-03-02 10:00 UTC", "1 h 1 min overdue",
                "sla-breached", "Policy: Default");
        String russian = templates.process("sla/timer", Set.of("timer"), new Context(Locale.forLanguageTag("ru"),
                Map.of("sla", view)));
        assertThat(russian).contains("осталось 2 ч 15 мин", "просрочено на 1 ч 1 мин", "предупреждение", "Политика: Default");
        String none = templates.process("sla/timer", Set.of("timer"), new Context(Locale.ENGLISH, new java.util.HashMap<>()));
        assertThat(none).doesNotContain("SLA");
    }
}
