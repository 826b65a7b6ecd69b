package dev.switchboard.routing.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.Page;
import dev.switchboard.web.Problems;
import java.net.URI;
import java.util.List;
import java.util.SortedSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Routing rules: admins manage them, agents read them, customers have no business with them. */
@RestController
@RequestMapping("/api/v1/routing-rules")
class RoutingRuleApi {

    /** A sample ticket for a dry run, with the fields conditions look at. */
    record SampleTicket(String subject, String body, String requesterEmail, String channel, String priority,
                        String category, Long organizationId, List<String> tags) {
    }

    record Result(Long groupId, Long assigneeId, String priority, String category, SortedSet<String> tags) {
    }

    record DryRun(List<RoutingRule.Verdict> rules, List<Long> matched, Result result) {
    }

    private final RoutingRules rules;
    private final DryRuns dryRuns;

    RoutingRuleApi(RoutingRules rules, DryRuns dryRuns) {
        this.rules = rules;
        this.dryRuns = dryRuns;
    }

    /** Rules are few, so they come in one page, in the order they run. */
    @GetMapping
    Page<RoutingRule> list(Actor actor) {
        requireStaff(actor);
        return new Page<>(rules.all(), null);
    }

    @GetMapping("/{id}")
    RoutingRule get(Actor actor, @PathVariable long id) {
        requireStaff(actor);
        return rules.get(id);
    }

    @PostMapping
    ResponseEntity<RoutingRule> create(Actor actor, @RequestBody RoutingRules.Draft body) {
        requireAdmin(actor);
        RoutingRule rule = rules.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/routing-rules/" + rule.id())).body(rule);
    }

    @PatchMapping("/{id}")
    RoutingRule change(Actor actor, @PathVariable long id, @RequestBody RoutingRules.Draft body) {
        requireAdmin(actor);
        return rules.change(actor, id, body);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable long id) {
        requireAdmin(actor);
        rules.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    /** Runs the active rules over a sample ticket and answers each rule's verdict and what the ticket would become. */
    @PostMapping("/dry-run")
    DryRun dryRun(Actor actor, @RequestBody SampleTicket sample) {
        requireStaff(actor);
        Router.Routing routing = dryRuns.run(new DryRuns.Sample(sample.subject(), sample.body(), sample.requesterEmail(),
                sample.channel(), sample.priority(), sample.category(), sample.organizationId(), sample.tags()));
        RoutedTicket r = routing.result();
        return new DryRun(routing.rules(), routing.rules().stream().filter(RoutingRule.Verdict::matched)
                .map(RoutingRule.Verdict::id).toList(),
                new Result(r.groupId(), r.assigneeId(), r.priority(), r.category(), r.tags()));
    }

    static void requireStaff(Actor actor) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("Routing is for the team.");
        }
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage routing.");
        }
    }
}
