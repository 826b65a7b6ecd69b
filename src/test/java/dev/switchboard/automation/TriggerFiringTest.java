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
