package dev.switchboard.routing.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the routing rules: checks each one when saved, and writes every change to the audit trail. */
@Service
class RoutingRules {

    static final int MAX_CONDITIONS = 50;
    static final int MAX_ACTIONS = 20;

    /** A rule as a client writes it; null leaves a field as it is (on a change). */
    record Draft(String name, Integer position, List<Object> conditions, List<Object> actions, Boolean stop,
                 Boolean active) {
    }

    private final RoutingRuleRecords records;
    private final RoutingRuleBook book;
    private final UserDirectory directory;
    private final AuditTrail audit;
    private final Clock clock;

    RoutingRules(RoutingRuleRecords records, RoutingRuleBook book, UserDirectory directory, AuditTrail audit, Clock clock) {
        this.records = records;
        this.book = book;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every rule in order, as stored now (for admins and dry runs). */
    List<RoutingRule> all() {
        return records.all();
    }

    /** Every rule in order, from this node's {@link RoutingRuleBook}: what new tickets are routed by. */
    List<RoutingRule> inForce() {
        return book.ordered();
    }

    RoutingRule get(long id) {
        return records.byId(id).orElseThrow(() -> Problems.notFound("Routing rule " + id));
    }

    @Transactional
    RoutingRule create(Actor actor, Draft draft) {
        Instant now = clock.instant();
        if (draft.name() == null || draft.name().isBlank()) {
            throw InvalidRequest.field("name", "must not be blank");
        }
        RoutingRule rule = checked(new RoutingRule(0, draft.name(), 0, List.of(), List.of(), false, true, now, now), draft);
        long id = records.insert(rule);
        book.changed();
        audit.record(AuditEntry.action("routing_rule", id, "created", actor.userId(), actor.systemJob(), now)
                .withReason(rule.name()));
        return get(id);
    }

    @Transactional
    RoutingRule change(Actor actor, long id, Draft draft) {
        RoutingRule before = get(id);
        Instant now = clock.instant();
        RoutingRule after = checked(before, draft);
        after = new RoutingRule(id, after.name(), after.position(), after.conditions(), after.actions(), after.stop(),
                after.active(), before.createdAt(), now);
        records.update(after);
        book.changed();
        List<AuditEntry> entries = new ArrayList<>();
        note(entries, id, "name", before.name(), after.name(), actor, now);
        note(entries, id, "position", before.position(), after.position(), actor, now);
        note(entries, id, "conditions", before.conditions(), after.conditions(), actor, now);
        note(entries, id, "actions", before.actions(), after.actions(), actor, now);
        note(entries, id, "stop", before.stop(), after.stop(), actor, now);
        note(entries, id, "active", before.active(), after.active(), actor, now);
        audit.record(entries);
        return get(id);
    }

    @Transactional
    void delete(Actor actor, long id) {
        RoutingRule rule = get(id);
        records.delete(id);
        book.changed();
        audit.record(AuditEntry.action("routing_rule", id, "deleted", actor.userId(), actor.systemJob(), clock.instant())
                .withReason(rule.name()));
    }

    /** Where a new rule goes by default: after every other one. */
    int nextPosition() {
        return records.all().stream().mapToInt(RoutingRule::position).max().orElse(0) + 1;
    }

    /**
     * Moves a rule one place up or down in the order rules run. The rules are numbered 1, 2, 3… in their
     * current order first (several may share a position), so the move always changes the order; every
     * position that changes is in the audit trail. The rules stay locked until the move commits, so two
     * admins moving rules at once take turns.
     */
    @Transactional
    void move(Actor actor, long id, boolean up) {
        List<RoutingRule> ordered = new ArrayList<>(records.allLocked());
        int from = -1;
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).id() == id) {
                from = i;
            }
        }
        if (from < 0) {
            throw Problems.notFound("Routing rule " + id);
        }
        int to = up ? from - 1 : from + 1;
        if (to < 0 || to >= ordered.size()) {
            return;
        }
        ordered.add(to, ordered.remove(from));
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            RoutingRule rule = ordered.get(i);
            if (rule.position() != i + 1) {
                records.moveTo(rule.id(), i + 1, now);
                entries.add(AuditEntry.change("routing_rule", rule.id(), "position", rule.position(), i + 1,
                        actor.userId(), actor.systemJob(), now));
            }
        }
        book.changed();
        audit.record(entries);
    }

    /** The rule with the draft's fields applied, every problem reported at once (422). */
    RoutingRule checked(RoutingRule base, Draft draft) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = draft.name() == null ? base.name() : draft.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new FieldProblem("name", "must be 1 to 200 characters"));
        }
        List<Condition> conditions = base.conditions();
        if (draft.conditions() != null) {
            if (draft.conditions().size() > MAX_CONDITIONS) {
                problems.add(new FieldProblem("conditions", "at most " + MAX_CONDITIONS + " conditions"));
            }
            List<Condition> parsed = new ArrayList<>();
            for (int i = 0; i < draft.conditions().size() && i < MAX_CONDITIONS; i++) {
                parsed.add(Condition.parse(draft.conditions().get(i), "conditions[" + i + "]", problems));
            }
            conditions = parsed;
        }
        List<RuleAction> actions = base.actions();
        if (draft.actions() != null) {
            if (draft.actions().isEmpty() || draft.actions().size() > MAX_ACTIONS) {
                problems.add(new FieldProblem("actions", "1 to " + MAX_ACTIONS + " actions"));
            }
            List<RuleAction> parsed = new ArrayList<>();
            for (int i = 0; i < draft.actions().size() && i < MAX_ACTIONS; i++) {
                parsed.add(RuleAction.parse(draft.actions().get(i), "actions[" + i + "]", directory, problems));
            }
            actions = parsed;
        } else if (actions.isEmpty()) {
            problems.add(new FieldProblem("actions", "a rule needs at least one action"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new RoutingRule(base.id(), name, draft.position() == null ? base.position() : draft.position(),
                List.copyOf(conditions), List.copyOf(actions), draft.stop() == null ? base.stop() : draft.stop(),
                draft.active() == null ? base.active() : draft.active(), base.createdAt(), base.updatedAt());
    }

    private static void note(List<AuditEntry> entries, long id, String field, Object before, Object after, Actor actor,
                             Instant now) {
        if (!Objects.equals(before, after)) {
            entries.add(AuditEntry.change("routing_rule", id, field, before, after, actor.userId(), actor.systemJob(), now));
        }
    }
}
