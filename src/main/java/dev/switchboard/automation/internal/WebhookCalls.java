package dev.switchboard.automation.internal;

import dev.switchboard.notification.OutboundMessage;
import dev.switchboard.notification.Outbox;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.TicketView;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;

import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts a trigger's webhook call in the outbox, in the transaction of the change, with the body as it will be
 * sent: the standard JSON (the event, a delivery id, the trigger, the ticket as the API shows it, what changed,
 * and the message the event is about) or the trigger's own template. The {@link WebhookChannel} signs and
 * sends it; the outbox retries it.
 */
@Component
class WebhookCalls {

    static final String CHANNEL = "webhook";
    static final String KIND = "webhook";
    /** The outbox's recipient column holds this much; the full URL is kept beside it. */
    private static final int MAX_RECIPIENT = 320;

    private final Outbox outbox;
    private final WebhookDeliveries deliveries;
    private final JsonMapper json;
    private final Clock clock;
    private final String baseUrl;

    WebhookCalls(Outbox outbox, WebhookDeliveries deliveries, JsonMapper json, Clock clock,
                 @Value("${switchboard.base-url:http://localhost:8080}") String baseUrl) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Queues the call; answers what was done, for the run's record. */
    String call(Trigger trigger, TriggerAction action, TicketView ticket, Occurrence occurrence, MessageView message) {
        UUID deliveryId = UUID.randomUUID();
        Instant now = clock.instant();
        String event = occurrence.event().webhookName();
        String body;
        if (action.body() == null) {
            body = json.writeValueAsString(standardBody(deliveryId, event, trigger, ticket, occurrence, message));
        } else {
            body = new WebhookBody(action.body()).render(model(deliveryId, event, trigger, ticket, occurrence));
            try {
                json.readTree(body);
            } catch (JacksonException e) {
                return "webhook " + action.url() + " skipped: its body did not render to JSON (" + e.getOriginalMessage() + ")";
            }
        }
        String recipient = action.url().length() <= MAX_RECIPIENT ? action.url()
                : action.url().substring(0, MAX_RECIPIENT - 1) + "…";
        long outboxId = outbox.enqueue(new OutboundMessage(CHANNEL, recipient, event, body, null, ticket.id(), null, KIND));
        deliveries.insert(new WebhookDeliveries.Delivery(outboxId, deliveryId, trigger.id(), event, action.url()), now);
        return "webhook " + action.url() + " queued (delivery " + deliveryId + ")";
    }

    private Map<String, Object> standardBody(UUID deliveryId, String event, Trigger trigger, TicketView ticket,
                                             Occurrence occurrence, MessageView message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delivery_id", deliveryId.toString());
        body.put("event", event);
        body.put("occurred_at", occurrence.at().toString());
        body.put("trigger", Map.of("id", trigger.id(), "name", trigger.name()));
        body.put("ticket", ticket);
        if (occurrence.event() == TriggerEvent.STATUS_CHANGED) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", occurrence.from());
            change.put("to", occurrence.to());
            body.put("status_change", change);
        }
        if (occurrence.event() == TriggerEvent.UPDATED) {
            body.put("changed", occurrence.changed().stream().sorted().toList());
        }
        if (message != null && !message.internal()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", message.id());
            m.put("author", message.author());
            m.put("body_text", message.bodyText());
            m.put("created_at", message.createdAt().toString());
            body.put("message", m);
        }
        return body;
    }

    private Map<String, Object> model(UUID deliveryId, String event, Trigger trigger, TicketView ticket,
                                      Occurrence occurrence) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", ticket.id());
        t.put("subject", ticket.subject());
        t.put("status", ticket.status());
        t.put("priority", ticket.priority());
        t.put("channel", ticket.channel());
        t.put("category", ticket.category() == null ? "" : ticket.category());
        t.put("group_id", ticket.groupId() == null ? "null" : ticket.groupId());
        t.put("assignee_id", ticket.assigneeId() == null ? "null" : ticket.assigneeId());
        t.put("tags", String.join(",", ticket.tags()));
        t.put("url", baseUrl + "/tickets/" + ticket.id());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("event", event);
        model.put("delivery", Map.of("id", deliveryId.toString()));
        model.put("occurred_at", occurrence.at().toString());
        model.put("trigger", Map.of("id", trigger.id(), "name", trigger.name()));
        model.put("ticket", t);
        model.put("requester", Map.of("name", nonNull(ticket.requester().name()), "email",
                nonNull(ticket.requester().email())));
        model.put("agent", Map.of("name", ticket.assignee() == null ? "" : nonNull(ticket.assignee().name())));
        return model;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

}
