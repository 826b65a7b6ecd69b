package dev.switchboard.automation.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.routing.TicketConditions;
import dev.switchboard.routing.TicketConditions.Condition;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import dev.switchboard.web.Problems;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the triggers: checks each one when saved (every problem named at once, 422), writes every change to
 * the audit trail, orders them, and keeps each one's webhook signing secret. Admins only.
 */
@Service
class Triggers {

    static final int MAX_CONDITIONS = 50;
    static final int MAX_ACTIONS = 20;

    /** A trigger as a client writes it; null leaves a field as it is (on a change). */
    record Draft(String name, String event, Integer position, List<Object> conditions, List<Object> actions,
                 Boolean active) {
    }

    /** What one trigger makes of a ticket, for a dry run. */
    record Verdict(long id, String name, int position, boolean matched, List<TicketConditions.Outcome> conditions,
                   List<TriggerAction> actions) {
    }

    private final TriggerRecords records;
    private final ActiveTriggers active;
    private final TicketConditions vocabulary;
    private final UserDirectory directory;
    private final WebhookAddresses addresses;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Triggers(TriggerRecords records, ActiveTriggers active, TicketConditions vocabulary, UserDirectory directory,
             WebhookAddresses addresses, AuditTrail audit, Clock clock) {
        this.records = records;
        this.active = active;
        this.vocabulary = vocabulary;
        this.directory = directory;
        this.addresses = addresses;
        this.audit = audit;
        this.clock = clock;
    }

    List<Trigger> all(Actor actor) {
        requireAdmin(actor);
        return records.all();
    }

    Trigger get(Actor actor, long id) {
        requireAdmin(actor);
        return records.byId(id).orElseThrow(() -> Problems.notFound("Trigger " + id));
    }

    List<String> operators() {
        return vocabulary.operators();
    }

    @Transactional
    Trigger create(Actor actor, Draft draft) {
        requireAdmin(actor);
        List<FieldProblem> missing = new ArrayList<>();
        if (draft.name() == null) {
            missing.add(new FieldProblem("name", "required"));
        }
        if (draft.event() == null) {
            missing.add(new FieldProblem("event", "required: one of " + String.join(", ", TriggerEvent.codes())));
        }
        if (draft.actions() == null) {
            missing.add(new FieldProblem("actions", "required: at least one action"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequest(missing);
        }
        Instant now = clock.instant();
        Trigger checked = checked(new Trigger(0, "", draft.event(), 0, List.of(), List.of(), true, now, now), draft);
        Trigger trigger = draft.position() != null ? checked : withPosition(checked, records.all().stream()
                .filter(t -> t.event().equals(checked.event())).mapToInt(Trigger::position).max().orElse(0) + 1);
        long id = records.insert(trigger, newSecret());
        active.changed();
        audit.record(AuditEntry.action("trigger", id, "created", actor.userId(), actor.systemJob(), now)
                .withReason(shortened(trigger.name())));
        return records.byId(id).orElseThrow();
    }

    @Transactional
    Trigger change(Actor actor, long id, Draft draft) {
        Trigger before = get(actor, id);
        Instant now = clock.instant();
        Trigger checked = checked(before, draft);
        Trigger after = new Trigger(id, checked.name(), checked.event(), checked.position(), checked.conditions(),
                checked.actions(), checked.active(), before.createdAt(), now);
        records.update(after);
        active.changed();
        List<AuditEntry> entries = new ArrayList<>();
        note(entries, id, "name", before.name(), after.name(), actor, now);
        note(entries, id, "event", before.event(), after.event(), actor, now);
        note(entries, id, "position", before.position(), after.position(), actor, now);
        note(entries, id, "conditions", before.conditions(), after.conditions(), actor, now);
        note(entries, id, "actions", before.actions(), after.actions(), actor, now);
        note(entries, id, "active", before.active(), after.active(), actor, now);
        audit.record(entries);
        return records.byId(id).orElseThrow();
    }

    @Transactional
    void delete(Actor actor, long id) {
        Trigger trigger = get(actor, id);
        records.delete(id);
        active.changed();
        audit.record(AuditEntry.action("trigger", id, "deleted", actor.userId(), actor.systemJob(), clock.instant())
                .withReason(shortened(trigger.name())));
    }

    /**
     * Moves a trigger one place up or down among those of its event, and numbers them 1, 2, 3 … in their
     * new order (each position that changes is audited).
     */
    @Transactional
    List<Trigger> move(Actor actor, long id, boolean up) {
        Trigger trigger = get(actor, id);
        List<Trigger> siblings = new ArrayList<>(records.all().stream()
                .filter(t -> t.event().equals(trigger.event())).toList());
        int index = siblings.indexOf(siblings.stream().filter(t -> t.id() == id).findFirst().orElseThrow());
        int other = up ? index - 1 : index + 1;
        if (other >= 0 && other < siblings.size()) {
            siblings.set(index, siblings.get(other));
            siblings.set(other, trigger);
        }
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < siblings.size(); i++) {
            Trigger t = siblings.get(i);
            if (t.position() != i + 1) {
                records.reposition(t.id(), i + 1);
                note(entries, t.id(), "position", t.position(), i + 1, actor, now);
            }
        }
        active.changed();
        audit.record(entries);
        return records.all();
    }

    /** The secret that signs the trigger's webhooks. */
    String secret(Actor actor, long id) {
        get(actor, id);
        return records.secret(id).orElseThrow();
    }

    /** A new secret: receivers must be given it; calls still waiting in the outbox are signed with it. */
    @Transactional
    String rotateSecret(Actor actor, long id) {
        get(actor, id);
        String secret = newSecret();
        Instant now = clock.instant();
        records.changeSecret(id, secret, now);
        audit.record(AuditEntry.action("trigger", id, "secret_rotated", actor.userId(), actor.systemJob(), now));
        return secret;
    }

    /** The trigger with the draft's fields applied, every problem reported at once (422). */
    Trigger checked(Trigger base, Draft draft) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = draft.name() == null ? base.name() : draft.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            problems.add(new FieldProblem("name", "must be 1 to 200 characters"));
        }
        String event = draft.event() == null ? base.event() : draft.event();
        if (TriggerEvent.of(event).isEmpty()) {
            problems.add(new FieldProblem("event", "unknown event '" + event + "'; allowed: "
                    + String.join(", ", TriggerEvent.codes())));
        }
        List<Condition> conditions = base.conditions();
        if (draft.conditions() != null) {
            if (draft.conditions().size() > MAX_CONDITIONS) {
                problems.add(new FieldProblem("conditions", "at most " + MAX_CONDITIONS + " conditions"));
            }
            List<Condition> parsed = new ArrayList<>();
            for (int i = 0; i < draft.conditions().size() && i < MAX_CONDITIONS; i++) {
                parsed.add(vocabulary.check(draft.conditions().get(i), "conditions[" + i + "]", TriggerFacts.FIELDS,
                        problems));
            }
            conditions = parsed;
        }
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            if (c == null) {
                continue;
            }
            if (TriggerFacts.STATUS_CHANGE_FIELDS.contains(c.field()) && !"status_changed".equals(event)) {
                problems.add(new FieldProblem("conditions[" + i + "].field", "'" + c.field()
                        + "' is the status a status_changed event moved " + c.field() + "; this trigger is on " + event));
            }
            if (TriggerFacts.UPDATE_FIELDS.contains(c.field()) && !"updated".equals(event)) {
                problems.add(new FieldProblem("conditions[" + i + "].field", "'changed' lists what an updated event "
                        + "changed; this trigger is on " + event));
            }
            List<String> allowed = TriggerFacts.VALUES.get(c.field());
            List<?> values = c.value() instanceof List<?> list ? list : c.value() == null ? List.of() : List.of(c.value());
            if (allowed != null && !"matches".equals(c.operator()) && !c.operator().contains("contains")
                    && !c.operator().equals("ends_with")) {
                String unknown = values.stream().map(v -> String.valueOf(v).toLowerCase(java.util.Locale.ROOT))
                        .filter(v -> !allowed.contains(v)).findFirst().orElse(null);
                if (unknown != null) {
                    problems.add(new FieldProblem("conditions[" + i + "].value", "'" + unknown + "' is no "
                            + c.field() + "; allowed: " + String.join(", ", allowed)));
                }
            }
        }
        List<TriggerAction> actions = base.actions();
        if (draft.actions() != null) {
            if (draft.actions().isEmpty() || draft.actions().size() > MAX_ACTIONS) {
                problems.add(new FieldProblem("actions", "1 to " + MAX_ACTIONS + " actions"));
            }
            List<TriggerAction> parsed = new ArrayList<>();
            for (int i = 0; i < draft.actions().size() && i < MAX_ACTIONS; i++) {
                parsed.add(TriggerAction.parse(draft.actions().get(i), "actions[" + i + "]", directory, addresses,
                        problems));
            }
            actions = parsed;
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Trigger(base.id(), name, event, draft.position() == null ? base.position() : draft.position(),
                List.copyOf(conditions), List.copyOf(actions), draft.active() == null ? base.active() : draft.active(),
                base.createdAt(), base.updatedAt());
    }

    private static Trigger withPosition(Trigger t, int position) {
        return new Trigger(t.id(), t.name(), t.event(), position, t.conditions(), t.actions(), t.active(), t.createdAt(),
                t.updatedAt());
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String shortened(String text) {
        return text.length() > 200 ? text.substring(0, 199) + "…" : text;
    }

    private static void note(List<AuditEntry> entries, long id, String field, Object before, Object after, Actor actor,
                             Instant now) {
        if (!Objects.equals(before, after)) {
            entries.add(AuditEntry.change("trigger", id, field, before, after, actor.userId(), actor.systemJob(), now));
        }
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage triggers.");
        }
    }
}
