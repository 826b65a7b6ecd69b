package dev.switchboard.automation.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.switchboard.ticket.TicketView;
import java.util.Map;

/**
 * A reply or note body with placeholders: {{ticket.id}}, {{ticket.subject}}, {{requester.name}},
 * {{agent.name}}. Rendered as plain text (the ticket module makes the HTML); anything else is refused
 * when the macro is saved.
 */
record MacroTemplate(String source) {

    static final String PLACEHOLDERS = "{{ticket.id}}, {{ticket.subject}}, {{requester.name}}, {{agent.name}}";
    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false)
            .withLoader(name -> {
                throw new IllegalArgumentException("partials ({{> " + name + "}}) are not allowed");
            });

    /** Why the template cannot be used, or null when it can. */
    static String problemWith(String source) {
        try {
            render(source, Map.of("ticket", Map.of("id", 1, "subject", "s"), "requester", Map.of("name", "r"),
                    "agent", Map.of("name", "a")));
            return null;
        } catch (RuntimeException e) {
            return "the template does not render (" + e.getMessage() + "); placeholders: " + PLACEHOLDERS;
        }
    }

    String renderFor(TicketView ticket, String agentName) {
        return render(source, Map.of("ticket", Map.of("id", ticket.id(), "subject", ticket.subject()),
                "requester", Map.of("name", ticket.requester() == null ? "" : ticket.requester().name()),
                "agent", Map.of("name", agentName == null ? "" : agentName)));
    }

    private static String render(String source, Map<String, Object> model) {
        Template template = COMPILER.compile(source);
        return template.execute(model);
    }
}
