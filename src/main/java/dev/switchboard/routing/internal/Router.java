package dev.switchboard.routing.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Runs the active rules over a ticket, in order, and says which matched and why. */
@Component
class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** The rules' verdicts, in the order they ran, and the ticket as the matching rules left it. */
    record Routing(List<RoutingRule.Verdict> rules, RoutedTicket result) {
    }

    private final Duration regexLimit;

    Router(@Value("${switchboard.routing.regex-time-limit:50ms}") Duration regexLimit) {
        this.regexLimit = regexLimit;
    }

    Routing route(RoutedTicket ticket, List<RoutingRule> rules) {
        List<RoutingRule.Verdict> verdicts = new ArrayList<>();
        RoutedTicket current = ticket;
        for (RoutingRule rule : rules) {
            if (!rule.active()) {
                continue;
            }
            RoutingRule.Verdict verdict = rule.judge(current, regexLimit);
            verdict.conditions().stream().filter(c -> c.note() != null).forEach(c ->
                    log.warn("Routing rule {} ({}): {} {} '{}': {}", rule.id(), rule.name(), c.field(), c.operator(),
                            c.value(), c.note()));
            verdicts.add(verdict);
            if (verdict.matched()) {
                current = rule.applyTo(current);
                if (rule.stop()) {
                    break;
                }
            }
        }
        return new Routing(verdicts, current);
    }
}
