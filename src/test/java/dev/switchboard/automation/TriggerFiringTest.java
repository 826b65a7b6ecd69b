package dev.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.Actor;
import dev.switchboard.intake.InboundMessage;
import dev.switchboard.intake.Intake;
import dev.switchboard.support.Api;
import dev.switchboard.ticket.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Triggers on ticket events: what they change, what they send, and the loops they never start. */
class TriggerFiringTest extends TriggerTestSupport {

    @Autowired
    Intake intake;

    @Test
    void anAutoReplyOnANewTicketGoesToTheRequesterInTheirLanguage() {
        trigger("Out of hours", "created", List.of(), List.of(Map.of("type", "send_email", "to", "requester",
                "subject", "Re: {{ticket.subject}} (#{{ticket.id}})",
                "body", "Hi {{requester.name}}, we are closed until Monday.",
                "translations", Map.of("ru", Map.of("subject", "Получено: {{ticket.subject}}",
                        "body", "Здравствуйте, {{requester.name}}! Мы ответим в понедельник.")))));
        Api agent = newUser("agent");
        long english = ticket(agent, email("en"), "Printer");

        String russianAddress = email("ru");
        Api russian = newUser("customer", null, russianAddress);
        assertThat(russian.patch("/api/v1/users/me", Map.of("locale", "ru")).status()).isEqualTo(200);
        long inRussian = ticket(agent, russianAddress, "Принтер");

        JsonNode mail = single(outbox(english, "auto_reply"));
        assertThat(mail.get("subject").asString()).isEqualTo("Re: Printer " + marker + " (#" + english + ")");
        assertThat(mail.get("text").asString()).isEqualTo("Hi Requester, we are closed until Monday.");
        assertThat(mail.get("channel").asString()).isEqualTo("email");
        JsonNode ru = single(outbox(inRussian, "auto_reply"));
        assertThat(ru.get("recipient").asString()).isEqualTo(russianAddress);
        assertThat(ru.get("subject").asString()).isEqualTo("Получено: Принтер " + marker);
        assertThat(ru.get("text").asString()).startsWith("Здравствуйте, ");
        assertThat(history(english)).anySatisfy(h -> assertThat(h).contains("trigger_fired", "Out of hours"));
    }

    @Test
    void aTriggerChangedSwitchedOffOrDeletedActsOnTheVeryNextTicket() {
        long id = trigger("Tagger", "created", List.of(), List.of(Map.of("type", "add_tags", "value", List.of("before"))));
        Api agent = newUser("agent");
        assertThat(tags(ticket(agent, email("req"), "One"))).contains("before");

        // each change is seen by the next ticket on this node, with no wait for the triggers' cache to expire
        Api.Reply changed = admin().patch("/api/v1/triggers/" + id,
                Map.of("actions", List.of(Map.of("type", "add_tags", "value", List.of("after")))));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(tags(ticket(agent, email("req"), "Two"))).contains("after").doesNotContain("before");

        assertThat(admin().patch("/api/v1/triggers/" + id, Map.of("active", false)).status()).isEqualTo(200);
        assertThat(tags(ticket(agent, email("req"), "Three"))).doesNotContain("after");

        assertThat(admin().patch("/api/v1/triggers/" + id, Map.of("active", true)).status()).isEqualTo(200);
        assertThat(tags(ticket(agent, email("req"), "Four"))).contains("after");
        assertThat(admin().delete("/api/v1/triggers/" + id).status()).isEqualTo(204);
        forget(id);
        assertThat(tags(ticket(agent, email("req"), "Five"))).doesNotContain("after");
    }

    @Test
    void anOutOfHoursAutoReplyGoesOnlyWhenTheTicketsBusinessCalendarIsClosed() {
        Map<String, Object> nineToFive = Map.of("from", "09:00", "to", "17:00");
        Map<String, Object> hours = new java.util.HashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            hours.put(day, List.of(nineToFive));
        }
        Api.Reply calendar = admin().post("/api/v1/business-calendars", Map.of("name", "Office " + marker,
                "time_zone", "Europe/Berlin", "opening_hours", hours));
        assertThat(calendar.status()).as(calendar.body()).isEqualTo(201);
        String category = "Hours " + marker;
        Map<String, Object> target = Map.of("first_response_minutes", 60, "resolution_minutes", 480);
        Api.Reply policy = admin().post("/api/v1/sla-policies", Map.of("name", "Office " + marker, "position", 1,
                "calendar_id", calendar.id(), "conditions", Map.of("category", category), "targets",
                Map.of("low", target, "normal", target, "high", target, "critical", target)));
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        long auto = trigger("Out of hours", "created", List.of(when("business_hours", "equals", "closed")),
                List.of(Map.of("type", "send_email", "to", "requester", "subject", "We are closed",
                        "body", "We will answer #{{ticket.id}} when we open.")));
        Api agent = newUser("agent");

        long inHours = open(agent, category, "Monday morning"); // 10:00 in Berlin
        clock.advance(Duration.ofHours(9)); // 19:00 in Berlin
        long evening = open(agent, category, "Monday evening");

        assertThat(outbox(inHours, "auto_reply")).isEmpty();
        assertThat(single(outbox(evening, "auto_reply")).get("text").asString())
                .isEqualTo("We will answer #" + evening + " when we open.");
        assertThat(runs(auto)).hasSize(1);
        assertThat(admin().post("/api/v1/triggers", Map.of("name", "Typo", "event", "created", "conditions",
                List.of(when("business_hours", "equals", "shut")), "actions", List.of(Map.of("type", "add_tags",
                        "value", List.of("x"))))).body()).contains("'shut' is no business_hours; allowed: open, closed");
        admin().delete("/api/v1/sla-policies/" + policy.id());
    }

    private long open(Api as, String category, String subject) {
        Api.Reply reply = as.post("/api/v1/tickets", Map.of("subject", subject + " " + marker, "description", "Hello",
                "category", category, "requester", Map.of("email", email("req"), "name", "Requester")));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }

    @Test
    void anAutoReplyNeverAnswersAMachineAndIsCappedPerAddressAndHour() {
        trigger("Auto-reply", "created", List.of(), List.of(Map.of("type", "send_email", "to", "requester",
                "subject", "Got it", "body", "Thanks")));
        long robot = intake.receive(new InboundMessage(Channel.EMAIL, email("robot"), "Robot", "Out of office " + marker,
                "I am away", null, null, null, Set.of(), null, true, List.of(), Set.of()), Actor.system("test")).ticketId();
        assertThat(outbox(robot, "auto_reply")).isEmpty();
        assertThat(runs(lastTrigger()).get(0).get("outcome").asString())
                .contains("held back: it would answer a message a machine wrote");

        Api agent = newUser("agent");
        String flood = email("flood");
        long sixth = 0;
        for (int i = 0; i < 6; i++) {
            sixth = ticket(agent, flood, "Request " + i);
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(outbox(sixth, "auto_reply")).as("the sixth in an hour is held back").isEmpty();
        clock.advance(Duration.ofMinutes(31));
        assertThat(outbox(ticket(agent, flood, "Later"), "auto_reply")).hasSize(1);
    }

    @Test
    void triggersThatWouldPingPongFireOncePerChangeAndNeverOnEachOther() {
        long ping = trigger("Ping", "updated", List.of(when("tags", "in", List.of("ping"))), List.of(
                Map.of("type", "remove_tags", "value", List.of("ping")), Map.of("type", "add_tags", "value", List.of("pong"))));
        long pong = trigger("Pong", "updated", List.of(when("tags", "in", List.of("pong"))), List.of(
                Map.of("type", "remove_tags", "value", List.of("pong")), Map.of("type", "add_tags", "value", List.of("ping"))));
        Api agent = newUser("agent");
        long id = ticket(agent, email("req"), "Ping pong");

        assertThat(patch(agent, id, Map.of("tags", List.of("ping"))).status()).isEqualTo(200);

        // Ping fired on the agent's change; Pong, after it, saw Ping's tags: each once, and nothing fired on them
        assertThat(runs(ping)).hasSize(1);
        assertThat(runs(pong)).hasSize(1);
        assertThat(tags(id)).containsExactly("ping");

        assertThat(patch(agent, id, Map.of("priority", "high")).status()).isEqualTo(200);
        assertThat(runs(ping)).hasSize(2);
        assertThat(runs(pong)).hasSize(2);
        assertThat(tags(id)).containsExactly("ping");
    }

    @Test
    void theApiAnswersShowWhatTriggersDidAsTheChangeCommitted() {
        trigger("Tag printers", "created", List.of(), List.of(Map.of("type", "add_tags", "value", List.of("hardware"))));
        trigger("Urgent when high", "updated", List.of(when("priority", "equals", "high")),
                List.of(Map.of("type", "add_tags", "value", List.of("urgent"))));
        Api agent = newUser("agent");

        Api.Reply created = openTicket(agent, email("req"), "Printer " + marker);
        assertThat(created.json().get("tags").toString()).contains("hardware");
        Api.Reply changed = patch(agent, created.id(), Map.of("priority", "high"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("tags").toString()).contains("hardware", "urgent");
        assertThat(changed.json().get("version").asInt()).isEqualTo(ticketJson(created.id()).get("version").asInt());
    }

    @Test
    void anUpdateTriggerDoesNotFireWhenTheTicketIsCreatedOnlyWhenSomeoneChangesIt() {
        long touched = trigger("Touched", "updated", List.of(when("changed", "in", List.of("priority", "reply"))),
                List.of(Map.of("type", "add_tags", "value", List.of("touched"))));
        Api agent = newUser("agent");
        long id = ticket(agent, email("req"), "Quiet");
        assertThat(tags(id)).isEmpty();

        assertThat(patch(agent, id, Map.of("category", "Billing")).status()).isEqualTo(200);
        assertThat(tags(id)).as("'changed' did not include priority or a reply").isEmpty();
        assertThat(agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "On it")).status()).isEqualTo(201);
        assertThat(tags(id)).containsExactly("touched");
        assertThat(runs(touched)).hasSize(1);
        assertThat(runs(touched).get(0).get("event").asString()).isEqualTo("updated");
    }

    @Test
    void statusChangesAssignmentsAndRepliesEachFireTheirOwnTriggers() {
        Api agent = newUser("agent");
        long agentId = userId(agent);
        trigger("Waiting", "status_changed", List.of(when("from", "equals", "open"), when("to", "equals", "pending")),
                List.of(Map.of("type", "add_note", "body", "Waiting on {{requester.name}} since this move.")));
        trigger("Assigned", "assigned", List.of(when("assignee_id", "equals", agentId)),
                List.of(Map.of("type", "set_priority", "value", "high")));
        trigger("Urgent reply", "requester_replied", List.of(when("body", "matches", "(?i)\\burgent\\b")),
                List.of(Map.of("type", "set_priority", "value", "critical"), Map.of("type", "add_tags", "value", List.of("escalated"))));
        trigger("Answered", "agent_replied", List.of(when("status", "not_in", List.of("resolved", "closed"))),
                List.of(Map.of("type", "add_tags", "value", List.of("answered"))));
        String requesterEmail = email("req");
        Api requester = newUser("customer", null, requesterEmail);
        long id = ticket(agent, requesterEmail, "Lifecycle");

        assertThat(patch(agent, id, Map.of("assignee_id", agentId)).status()).isEqualTo(200);
        assertThat(ticketJson(id).get("priority").asString()).isEqualTo("high");

        assertThat(patch(agent, id, Map.of("status", "open")).status()).isEqualTo(200);
        assertThat(patch(agent, id, Map.of("status", "pending")).status()).isEqualTo(200);
        JsonNode messages = admin().get("/api/v1/tickets/" + id + "/messages").json().get("items");
        JsonNode note = messages.get(messages.size() - 1);
        assertThat(note.get("internal").asBoolean()).isTrue();
        assertThat(note.get("body_text").asString()).isEqualTo("Waiting on " + requester.get("/api/v1/users/me").text("name")
                + " since this move.");

        assertThat(requester.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "This is URGENT now")).status())
                .isEqualTo(201);
        JsonNode after = ticketJson(id);
        assertThat(after.get("priority").asString()).isEqualTo("critical");
        assertThat(after.get("status").asString()).as("the reply reopened it").isEqualTo("open");
        assertThat(tags(id)).containsExactly("escalated");

        assertThat(agent.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Looking now")).status()).isEqualTo(201);
        assertThat(tags(id)).containsExactly("answered", "escalated");
    }

    @Test
    void whatATicketCannotTakeIsSkippedAndAFailingTriggerIsUndoneWhileTheChangeStands() {
        Api agent = newUser("agent");
        long skipping = trigger("Close at once", "created", List.of(), List.of(
                Map.of("type", "set_status", "value", "closed"), Map.of("type", "add_tags", "value", List.of("seen"))));
        long failing = trigger("Note on close", "status_changed", List.of(when("to", "equals", "closed")), List.of(
                Map.of("type", "add_tags", "value", List.of("closed-by-agent")),
                Map.of("type", "add_note", "body", "Closed.")));
        long id = ticket(agent, email("req"), "Cannot");
        assertThat(ticketJson(id).get("status").asString()).isEqualTo("new");
        assertThat(tags(id)).containsExactly("seen");
        assertThat(runs(skipping).get(0).get("outcome").asString())
                .contains("set_status closed skipped: only a resolved ticket is closed by a trigger");

        // the note cannot be added to a closed ticket: the trigger is undone as a whole, the agent's close commits
        assertThat(patch(agent, id, Map.of("status", "resolved")).status()).isEqualTo(200);
        assertThat(patch(agent, id, Map.of("status", "closed")).status()).isEqualTo(200);
        assertThat(ticketJson(id).get("status").asString()).isEqualTo("closed");
        assertThat(tags(id)).containsExactly("seen");
        assertThat(runs(failing)).isEmpty();
    }

    @Test
    void aCatastrophicPatternCannotStallIntakeItCountsAsNoMatch() {
        long slow = trigger("Evil pattern", "created", List.of(when("body", "matches", "(.*a){25}x")),
                List.of(Map.of("type", "add_tags", "value", List.of("matched"))));
        Api.Reply created = newUser("agent").post("/api/v1/tickets", Map.of("subject", "Pathological " + marker,
                "description", "a".repeat(64) + "!", "requester", Map.of("email", email("req"), "name", "R")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.id();

        assertThat(tags(id)).isEmpty();
        assertThat(runs(slow)).isEmpty();
        JsonNode dryRun = admin().post("/api/v1/triggers/dry-run", Map.of("ticket_id", id, "event", "created")).json();
        JsonNode verdict = java.util.stream.StreamSupport.stream(dryRun.get("triggers").spliterator(), false)
                .filter(t -> t.get("id").asLong() == slow).findFirst().orElseThrow();
        assertThat(verdict.get("matched").asBoolean()).isFalse();
        assertThat(verdict.get("conditions").get(1).get("note").asString()).contains("ran longer than");
    }

    @Test
    void aTriggerFiresAtMostTenTimesAnHourOnOneTicketSoALoopThroughTheOutsideStops() {
        long echo = trigger("Echo", "updated", List.of(), List.of(Map.of("type", "add_tags", "value", List.of("echo"))));
        Api agent = newUser("agent");
        long id = ticket(agent, email("req"), "Echo chamber");
        for (int i = 0; i < 12; i++) { // as a webhook receiver that writes back on every call would
            assertThat(patch(agent, id, Map.of("priority", i % 2 == 0 ? "high" : "low")).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(runs(echo)).hasSize(10);
        clock.advance(Duration.ofHours(1));
        assertThat(patch(agent, id, Map.of("priority", "normal")).status()).isEqualTo(200);
        assertThat(runs(echo)).hasSize(11);
    }

    private long lastTrigger;

    @Override
    protected long trigger(String name, String event, List<Map<String, Object>> conditions,
                           List<Map<String, Object>> actions) {
        lastTrigger = super.trigger(name, event, conditions, actions);
        return lastTrigger;
    }

    private long lastTrigger() {
        return lastTrigger;
    }

    private List<String> history(long id) {
        JsonNode items = admin().get("/api/v1/tickets/" + id + "/history").json();
        JsonNode list = items.has("items") ? items.get("items") : items;
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(JsonNode::toString).toList();
    }

    private static JsonNode single(List<JsonNode> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
