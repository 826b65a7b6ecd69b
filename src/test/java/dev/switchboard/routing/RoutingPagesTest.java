package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The routing admin pages: rules listed, written as rows, ordered, tested on a sample; only admins get in. */
class RoutingPagesTest extends IntegrationTest {

    @Autowired
    AuditTrail audit;

    private long newGroup(String name) {
        Api.Reply group = admin().post("/api/v1/groups", Map.of("name", name + " " + UUID.randomUUID()));
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        return group.id();
    }

    private JsonNode rule(long id) {
        return admin().get("/api/v1/routing-rules/" + id).json();
    }

    private static List<Map.Entry<String, String>> form(String... pairs) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return fields;
    }

    private long ruleNamed(String name) {
        for (JsonNode r : admin().get("/api/v1/routing-rules").json().get("items")) {
            if (r.get("name").asString().equals(name)) {
                return r.get("id").asLong();
            }
        }
        throw new AssertionError("no rule " + name);
    }

    @Test
    void anAdminWritesARuleAsRowsAndABadPatternComesBackWithItsReasonNextToIt() {
        WebSession admin = adminSession();
        long group = newGroup("Billing");
        String name = "Invoices " + UUID.randomUUID();
        assertThat(admin.get("/admin/routing").statusCode()).isEqualTo(200);
        String blank = admin.get("/admin/routing/rules/new").body();
        assertThat(blank).contains("name=\"action_type\"").contains("id=\"add-condition\"");

        HttpResponse<String> refused = admin.post("/admin/routing/rules", form("name", name, "position", "3",
                "active", "on",
                "condition_field", "subject", "condition_operator", "contains", "condition_value", "invoice",
                "condition_field", "body", "condition_operator", "matches", "condition_value", "(unclosed",
                "action_type", "set_group", "action_value", String.valueOf(group)), "/admin/routing/rules/new");
        assertThat(refused.statusCode()).isEqualTo(200);
        String page = refused.body();
        assertThat(page).contains("The rule was not saved");
        int badRow = page.indexOf("value=\"(unclosed\"");
        assertThat(badRow).isPositive();
        assertThat(page.substring(badRow, page.indexOf("</label>", badRow)))
                .contains("class=\"field-error\"").contains("invalid regular expression: Unclosed group");
        assertThat(page).contains("value=\"invoice\"").contains("aria-invalid=\"true\"");
        assertThat(admin().get("/api/v1/routing-rules").body()).doesNotContain(name);

        HttpResponse<String> saved = admin.post("/admin/routing/rules", form("name", name, "position", "3",
                "active", "on",
                "condition_field", "subject", "condition_operator", "contains", "condition_value", "invoice",
                "condition_field", "priority", "condition_operator", "in", "condition_value", "high, critical",
                "action_type", "set_group", "action_value", String.valueOf(group),
                "action_type", "add_tags", "action_value", "billing, money"), "/admin/routing/rules/new");
        assertThat(saved.statusCode()).isEqualTo(302);
        long id = ruleNamed(name);
        JsonNode stored = rule(id);
        assertThat(stored.get("position").asInt()).isEqualTo(3);
        assertThat(stored.get("conditions").get(1).get("value").toString()).isEqualTo("[\"high\",\"critical\"]");
        assertThat(stored.get("actions").get(0).get("value").asLong()).isEqualTo(group);
        assertThat(stored.get("actions").get(1).get("value").toString()).isEqualTo("[\"billing\",\"money\"]");
        assertThat(stored.get("stop").asBoolean()).isFalse();

        String list = admin.get("/admin/routing").body();
        assertThat(list).contains(name).contains("billing, money").contains("high, critical");
        String edit = admin.get("/admin/routing/rules/" + id).body();
        assertThat(edit).contains("value=\"high, critical\"").contains("value=\"billing, money\"");

        HttpResponse<String> changed = admin.post("/admin/routing/rules/" + id, form("name", name, "position", "3",
                "stop", "on", "action_type", "set_priority", "action_value", "high"), "/admin/routing/rules/" + id);
        assertThat(changed.statusCode()).isEqualTo(302);
        JsonNode after = rule(id);
        assertThat(after.get("conditions")).isEmpty();
        assertThat(after.get("active").asBoolean()).isFalse();
        assertThat(after.get("stop").asBoolean()).isTrue();
        assertThat(audit.of("routing_rule", id)).extracting(e -> e.field() == null ? e.action() : e.field())
                .contains("created", "conditions", "actions", "stop", "active");
    }

    @Test
    void rowsComeFromTheServerForHtmx() {
        WebSession admin = adminSession();
        long group = newGroup("Rows");
        String condition = admin.get("/admin/routing/rules/condition-row").body();
        assertThat(condition).contains("condition-row").contains("name=\"condition_operator\"").doesNotContain("<html");
        String groupAction = admin.get("/admin/routing/rules/action-row?action_type=set_group").body();
        assertThat(groupAction).contains("<select name=\"action_value\"").contains("value=\"" + group + "\"");
        String tags = admin.get("/admin/routing/rules/action-row?action_type=add_tags").body();
        assertThat(tags).contains("<input name=\"action_value\"");
        assertThat(admin.get("/admin/routing/rules/removed-row").body()).isEmpty();
    }

    @Test
    void rulesMoveUpAndDownAreSwitchedOffAndDeleted() {
        WebSession admin = adminSession();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (String n : List.of("First", "Second", "Third")) {
            Api.Reply created = admin().post("/api/v1/routing-rules", Map.of("name", n + " " + marker, "position", 500,
                    "actions", List.of(Map.of("type", "add_tags", "value", List.of(marker)))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.id());
        }
        assertThat(admin.post("/admin/routing/rules/" + ids.get(2) + "/move", Map.of("direction", "up"), "/admin/routing")
                .statusCode()).isEqualTo(302);
        assertThat(rule(ids.get(2)).get("position").asInt()).isLessThan(rule(ids.get(1)).get("position").asInt());
        assertThat(rule(ids.get(0)).get("position").asInt()).isLessThan(rule(ids.get(2)).get("position").asInt());
        String list = admin.get("/admin/routing").body();
        assertThat(list.indexOf("Third " + marker)).isLessThan(list.indexOf("Second " + marker));
        assertThat(list).contains("The order is saved.");

        admin.post("/admin/routing/rules/" + ids.get(0) + "/move", Map.of("direction", "down"), "/admin/routing");
        assertThat(rule(ids.get(0)).get("position").asInt()).isGreaterThan(rule(ids.get(2)).get("position").asInt());
        assertThat(audit.of("routing_rule", ids.get(2))).anySatisfy(e -> assertThat(e.field()).isEqualTo("position"));

        admin.post("/admin/routing/rules/" + ids.get(1) + "/active", Map.of("active", "false"), "/admin/routing");
        assertThat(rule(ids.get(1)).get("active").asBoolean()).isFalse();
        admin.post("/admin/routing/rules/" + ids.get(1) + "/active", Map.of("active", "true"), "/admin/routing");
        assertThat(rule(ids.get(1)).get("active").asBoolean()).isTrue();

        assertThat(admin.post("/admin/routing/rules/" + ids.get(1) + "/delete", Map.of(), "/admin/routing").statusCode())
                .isEqualTo(302);
        assertThat(admin().get("/api/v1/routing-rules/" + ids.get(1)).status()).isEqualTo(404);
        assertThat(audit.of("routing_rule", ids.get(1))).anySatisfy(e -> assertThat(e.action()).isEqualTo("deleted"));
        for (long id : List.of(ids.get(0), ids.get(2))) {
            admin().delete("/api/v1/routing-rules/" + id);
        }
    }

    @Test
    void theTestFormShowsWhichRulesMatchedWhyAndWhatTheTicketWouldGet() {
        WebSession admin = adminSession();
        String marker = "pg" + UUID.randomUUID().toString().substring(0, 8);
        long group = newGroup("Tested");
        Api agent = newUser("agent");
        long agentId = userId(agent);
        admin().patch("/api/v1/groups/" + group, Map.of("member_ids", List.of(agentId), "assignment", "round_robin"));
        long hit = admin().post("/api/v1/routing-rules", Map.of("name", "Hit " + marker, "position", 1,
                "conditions", List.of(Map.of("field", "subject", "operator", "contains", "value", marker)),
                "actions", List.of(Map.of("type", "set_group", "value", group), Map.of("type", "set_category", "value", "Billing")))).id();
        long miss = admin().post("/api/v1/routing-rules", Map.of("name", "Miss " + marker, "position", 2,
                "conditions", List.of(Map.of("field", "requester_email", "operator", "ends_with", "value", "@vip.example")),
                "actions", List.of(Map.of("type", "set_priority", "value", "critical")))).id();
        try {
            HttpResponse<String> run = admin.post("/admin/routing/dry-run", Map.of("subject", "Invoice " + marker,
                    "body", "please", "requesterEmail", "ann@plain.example", "channel", "email", "priority", "normal",
                    "category", "", "organizationId", "", "tags", "urgent"), "/admin/routing");
            assertThat(run.statusCode()).isEqualTo(200);
            String page = run.body();
            String hitRow = page.substring(page.indexOf("id=\"verdict-" + hit + "\""));
            assertThat(hitRow.substring(0, hitRow.indexOf("</tr>"))).contains("Matched").contains("Invoice " + marker);
            String missRow = page.substring(page.indexOf("id=\"verdict-" + miss + "\""));
            assertThat(missRow.substring(0, missRow.indexOf("</tr>"))).contains("Did not match")
                    .contains("ann@plain.example").contains("@vip.example");
            String result = page.substring(page.indexOf("id=\"result-group\""));
            assertThat(result.substring(0, result.indexOf("</dl>"))).contains("Tested").contains("by round robin")
                    .contains("Billing").contains("urgent").contains(agent.get("/api/v1/users/me").text("name"));

            HttpResponse<String> bad = admin.post("/admin/routing/dry-run", Map.of("subject", "x", "channel", "pigeon",
                    "priority", "normal"), "/admin/routing");
            assertThat(bad.body()).contains("unknown channel &#39;pigeon&#39;");
        } finally {
            admin().delete("/api/v1/routing-rules/" + hit);
            admin().delete("/api/v1/routing-rules/" + miss);
        }
    }

    @Test
    void anAdminSetsAGroupsStrategyAndAnAgentsCapacityOnTheAssignmentPage() {
        WebSession admin = adminSession();
        Api agent = newUser("agent");
        long agentId = userId(agent);
        long group = newGroup("Assigned");
        admin().patch("/api/v1/groups/" + group, Map.of("member_ids", List.of(agentId)));
        agent.patch("/api/v1/users/me", Map.of("availability", "away"));
        long work = openTicket(agent, email("r"), "Some work").id();
        assertThat(patch(agent, work, Map.of("assignee_id", agentId)).status()).isEqualTo(200);

        String page = admin.get("/admin/routing/groups").body();
        String card = page.substring(page.indexOf("id=\"group-" + group + "\""));
        card = card.substring(0, card.indexOf("</section>"));
        assertThat(card).contains("Away").contains("0 of 1 members available").contains("1 / 20");

        assertThat(admin.post("/admin/routing/groups/" + group + "/strategy", Map.of("assignment", "least_loaded"),
                "/admin/routing/groups").statusCode()).isEqualTo(302);
        assertThat(admin().get("/api/v1/groups/" + group).text("assignment")).isEqualTo("least_loaded");
        assertThat(admin.get("/admin/routing/groups").body()).contains("Saved: the group assigns to the least loaded.");

        assertThat(admin.post("/admin/routing/agents/" + agentId, Map.of("availability", "available", "capacity", "5",
                "group", String.valueOf(group)), "/admin/routing/groups").statusCode()).isEqualTo(302);
        JsonNode user = admin().get("/api/v1/users/" + agentId).json();
        assertThat(user.get("capacity").asInt()).isEqualTo(5);
        assertThat(user.get("availability").asString()).isEqualTo("available");
        assertThat(audit.of("user", agentId)).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("capacity");
            assertThat(e.newValue()).isEqualTo("5");
        });
        assertThat(audit.of("group", group)).anySatisfy(e -> assertThat(e.field()).isEqualTo("assignment"));

        admin.post("/admin/routing/agents/" + agentId, Map.of("availability", "available", "capacity", "-3"),
                "/admin/routing/groups");
        assertThat(admin.get("/admin/routing/groups").body()).contains("capacity: must be between 0 and 10000");
        assertThat(admin().get("/api/v1/users/" + agentId).json().get("capacity").asInt()).isEqualTo(5);
        admin.post("/admin/routing/groups/" + group + "/strategy", Map.of("assignment", "lottery"), "/admin/routing/groups");
        assertThat(admin.get("/admin/routing/groups").body()).contains("unknown assignment &#39;lottery&#39;");
    }

    @Test
    void agentsAndCustomersAreRefusedEveryRoutingPage() {
        String agentEmail = email("agent");
        String customerEmail = email("customer");
        newUser("agent", null, agentEmail);
        newUser("customer", null, customerEmail);
        long id = admin().post("/api/v1/routing-rules", Map.of("name", "Guarded " + UUID.randomUUID(), "active", false,
                "actions", List.of(Map.of("type", "set_priority", "value", "low")))).id();
        long group = newGroup("Guarded");
        try {
            for (String[] who : new String[][] {{agentEmail, "password-agent"}, {customerEmail, "password-customer"}}) {
                WebSession session = new WebSession(port);
                session.signIn(who[0], who[1]);
                for (String page : List.of("/admin/routing", "/admin/routing/rules/new", "/admin/routing/rules/" + id,
                        "/admin/routing/rules/condition-row", "/admin/routing/groups")) {
                    assertThat(session.get(page).statusCode()).as(who[0] + " " + page).isEqualTo(403);
                }
                assertThat(session.post("/admin/routing/rules/" + id + "/delete", Map.of(), "/").statusCode()).isEqualTo(403);
                assertThat(session.post("/admin/routing/rules/" + id + "/active", Map.of("active", "true"), "/")
                        .statusCode()).isEqualTo(403);
                assertThat(session.post("/admin/routing/groups/" + group + "/strategy", Map.of("assignment", "round_robin"), "/")
                        .statusCode()).isEqualTo(403);
                assertThat(session.post("/admin/routing/dry-run", Map.of("subject", "x"), "/").statusCode()).isEqualTo(403);
            }
            assertThat(rule(id).get("active").asBoolean()).isFalse();
            assertThat(admin().get("/api/v1/groups/" + group).text("assignment")).isEqualTo("manual");
        } finally {
            admin().delete("/api/v1/routing-rules/" + id);
        }
    }

    @Test
    void thePagesSpeakRussian() {
        String email = email("ru-admin");
        Api russian = newUser("admin", null, email);
        assertThat(russian.patch("/api/v1/users/me", Map.of("locale", "ru")).status()).isEqualTo(200);
        WebSession session = new WebSession(port);
        session.signIn(email, "password-admin");
        assertThat(session.get("/admin").body()).contains("Правила маршрутизации").contains("Распределение");
        assertThat(session.get("/admin/routing").body()).contains("Проверить правила").contains("Новое правило");
        assertThat(session.get("/admin/routing/rules/new").body()).contains("Добавить условие").contains("Назначить группу");
        assertThat(session.get("/admin/routing/groups").body()).contains("По очереди: доступные участники");
        assertThat(session.get("/macros").body()).contains("Новый макрос");
        assertThat(session.get("/macros/new").body()).contains("Подстановки:").contains("Ответить автору");
        assertThat(session.get("/account").body()).contains("Ваши настройки").contains("На месте — давать мне новые заявки");
    }
}
