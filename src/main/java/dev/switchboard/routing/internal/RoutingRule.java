package dev.switchboard.routing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A routing rule: when all its conditions hold on a new ticket (a rule without conditions always does),
 * its actions apply, in order. Rules run by {@code position}, then id; each sees what earlier rules set,
 * and a later rule's set_* wins. {@code stop} ends routing after this rule when it matched.
 */
record RoutingRule(long id, String name, int position, List<Condition> conditions, List<RuleAction> actions,
                   boolean stop, boolean active, Instant createdAt, Instant updatedAt) {

    /** What one rule made of a ticket, for a dry run. */
    record Verdict(long id, String name, int position, boolean matched, List<Condition.Outcome> conditions,
                   List<RuleAction> actions, boolean stop) {
    }

    Verdict judge(RoutedTicket ticket, Duration regexLimit) {
        List<Condition.Outcome> outcomes = conditions.stream().map(c -> c.evaluate(ticket, regexLimit)).toList();
        boolean matched = outcomes.stream().allMatch(Condition.Outcome::matched);
        return new Verdict(id, name, position, matched, outcomes, actions, stop);
    }

    RoutedTicket applyTo(RoutedTicket ticket) {
        RoutedTicket result = ticket;
        for (RuleAction action : actions) {
            result = action.applyTo(result);
        }
        return result;
    }
}
