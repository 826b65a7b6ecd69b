package dev.switchboard.notification.internal;

import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.TicketView;
import java.util.HashMap;
import java.util.Map;

/**
 * What a notification template sees: {@code ticket}, {@code requester}, {@code recipient}, and where they
 * apply {@code agent} and {@code message}, as nested maps so templates write {@code {{ticket.id}}}. Status
 * and priority come in the recipient's language.
 */
final class TemplateModel {

    private static final Map<String, String> RU_LABELS = Map.ofEntries(
            Map.entry("new", "новая"), Map.entry("open", "открыта"), Map.entry("in_progress", "в работе"),
            Map.entry("pending", "ожидает ответа"), Map.entry("resolved", "решена"), Map.entry("closed", "закрыта"),
            Map.entry("low", "низкий"), Map.entry("normal", "обычный"), Map.entry("high", "высокий"),
            Map.entry("critical", "критический"));

    private TemplateModel() {
    }

    /**
     * @param agentName who acted (replied, assigned, changed the status); null where no one did
     * @param message   the reply being mailed, or null
     */
    static Map<String, Object> of(TicketView ticket, UserSummary recipient, String locale, String baseUrl,
                                  String agentName, MessageView message) {
        Map<String, Object> model = new HashMap<>();
        model.put("ticket", values("id", ticket.id(), "subject", ticket.subject(), "status", label(ticket.status(), locale),
                "priority", label(ticket.priority(), locale), "url", baseUrl + "/tickets/" + ticket.id()));
        model.put("requester", values("name", ticket.requester().name(), "email", ticket.requester().email()));
        model.put("recipient", values("name", recipient.name()));
        if (agentName != null) {
            model.put("agent", values("name", agentName));
        }
        if (message != null) {
            model.put("message", values("text", message.bodyText(), "html", message.bodyHtml()));
        }
        return model;
    }

    /** A model with every placeholder filled, to try a template out before an admin's version is saved. */
    static Map<String, Object> sample() {
        return sample("en", "http://localhost:8080");
    }

    /**
     * The sample ticket a preview shows, in the recipient's language: every placeholder filled, with values
     * that show how escaping works ({@code <}, {@code &}) and a reply with some formatting.
     */
    static Map<String, Object> sample(String locale, String baseUrl) {
        boolean ru = "ru".equals(locale);
        Map<String, Object> model = new HashMap<>();
        model.put("ticket", values("id", 42L, "subject", ru ? "Принтер горит & дымит" : "Printer on fire & smoking",
                "status", label("open", locale), "priority", label("high", locale), "url", baseUrl + "/tickets/42"));
        model.put("requester", values("name", ru ? "Борис Примеров" : "Bob Example", "email", "bob@example.com"));
        model.put("recipient", values("name", ru ? "Борис Примеров" : "Bob Example"));
        model.put("agent", values("name", ru ? "Алиса Агентова" : "Alice Agent"));
        model.put("message", ru
                ? values("text", "Попробуйте выключить его.\n\nЕсли не поможет — позвоните нам.",
                "html", "<p>Попробуйте <b>выключить</b> его.</p><p>Если не поможет — позвоните нам.</p>")
                : values("text", "Please try turning it off.\n\nIf that does not help, give us a call.",
                "html", "<p>Please try turning it <b>off</b>.</p><p>If that does not help, give us a call.</p>"));
        model.put("link", values("url", baseUrl + "/portal/link/sample-one-time-link"));
        return model;
    }

    private static String label(String code, String locale) {
        if ("ru".equals(locale)) {
            return RU_LABELS.getOrDefault(code, code);
        }
        return code == null ? null : code.replace('_', ' ');
    }

    /** A map that, unlike {@code Map.of}, takes the null of an empty field (rendered as nothing). */
    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
