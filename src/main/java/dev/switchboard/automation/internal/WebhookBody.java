package dev.switchboard.automation.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook's own body: a JSON template whose placeholders are filled in escaped for a JSON string, so
 * {@code "subject": "{{ticket.subject}}"} stays valid whatever the subject holds. Numbers and booleans go in
 * without quotes ({@code "id": {{ticket.id}}}); a value that is not set is {@code null} (numbers) or empty
 * (texts). When it is saved it must render to valid JSON from a sample ticket; a placeholder it does not
 * know, or a partial, is refused.
 */
record WebhookBody(String source) {

    static final List<String> PLACEHOLDERS = List.of("event", "delivery.id", "occurred_at", "trigger.id",
            "trigger.name", "ticket.id", "ticket.subject", "ticket.status", "ticket.priority", "ticket.channel",
            "ticket.category", "ticket.group_id", "ticket.assignee_id", "ticket.tags", "ticket.url",
            "requester.name", "requester.email", "agent.name");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Mustache.Compiler COMPILER = Mustache.compiler().withEscaper(WebhookBody::escape)
            .withLoader(name -> {
                throw new IllegalArgumentException("partials ({{> " + name + "}}) are not allowed");
            });

    /** Why the template cannot be used, or null when it can. */
    static String problemWith(String source) {
        String rendered;
        try {
            rendered = new WebhookBody(source).render(sample());
        } catch (RuntimeException e) {
            return "the template does not render (" + e.getMessage() + "); placeholders: "
                    + String.join(", ", PLACEHOLDERS.stream().map(p -> "{{" + p + "}}").toList());
        }
        try {
            JSON.readTree(rendered);
            return null;
        } catch (JacksonException e) {
            return "does not render to JSON (" + e.getOriginalMessage() + "); put text placeholders in quotes: "
                    + "\"{{ticket.subject}}\"";
        }
    }

    String render(Map<String, Object> model) {
        Template template = COMPILER.compile(source);
        return template.execute(model);
    }

    /** The values as a sample ticket has them, to try a template when it is saved. */
    static Map<String, Object> sample() {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("id", 42L);
        ticket.put("subject", "Printer \"on fire\"");
        ticket.put("status", "open");
        ticket.put("priority", "high");
        ticket.put("channel", "email");
        ticket.put("category", "Hardware");
        ticket.put("group_id", 3L);
        ticket.put("assignee_id", "null");
        ticket.put("tags", "printer,urgent");
        ticket.put("url", "http://localhost:8080/tickets/42");
        return Map.of("event", "ticket.created", "delivery", Map.of("id", "00000000-0000-0000-0000-000000000000"),
                "occurred_at", "2026-03-02T09:00:00Z", "trigger", Map.of("id", 7L, "name", "Sample"),
                "ticket", ticket, "requester", Map.of("name", "Bob Example", "email", "bob@example.com"),
                "agent", Map.of("name", "Alice Agent"));
    }

    /** Escapes text for the inside of a JSON string. */
    private static String escape(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
