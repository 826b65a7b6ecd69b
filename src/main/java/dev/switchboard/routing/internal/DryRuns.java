package dev.switchboard.routing.internal;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Tags;
import dev.switchboard.web.InvalidRequest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Runs the active rules over a sample ticket and changes nothing: the API's dry run and the admin page's test
 * form both come here, so they say the same.
 */
@Component
class DryRuns {

    /** A sample ticket with the fields conditions look at; null fields are left unset. */
    record Sample(String subject, String body, String requesterEmail, String channel, String priority,
                  String category, Long organizationId, List<String> tags) {
    }

    private final RoutingRules rules;
    private final Router router;

    DryRuns(RoutingRules rules, Router router) {
        this.rules = rules;
        this.router = router;
    }

    /** The rules' verdicts in the order they ran, and the ticket as they left it; a bad sample field is 422. */
    Router.Routing run(Sample sample) {
        RoutedTicket ticket = new RoutedTicket(sample.subject(), sample.body(), blankToNull(sample.requesterEmail()),
                channel(sample.channel()), sample.priority() == null ? null : Priority.parse("priority", sample.priority()).code(),
                blankToNull(sample.category()), sample.organizationId(), Tags.normalize("tags", sample.tags()), null, null);
        return router.route(ticket, rules.all());
    }

    private static String channel(String code) {
        if (code == null) {
            return null;
        }
        try {
            return Channel.ofCode(code).code();
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.field("channel", "unknown channel '" + code + "'; allowed: "
                    + Arrays.stream(Channel.values()).map(Channel::code).collect(Collectors.joining(", ")));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
