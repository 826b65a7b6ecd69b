package dev.switchboard.sla.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** SLA policies: which one a ticket gets, and how admins create, change, order and delete them. */
@Service
class Policies {

    /** What an admin gives for a new policy, or a changed one; null fields of a change stay as they are. */
    record Draft(String name, Integer position, Long calendarId, SlaPolicy.Conditions conditions,
                 Map<Priority, SlaPolicy.Targets> targets, Integer warningPercent, SlaPolicy.BreachActions onBreach) {
    }

    static final Duration LONGEST_TARGET = Duration.ofDays(3650);

    private final PolicyRecords records;
    private final PolicyBook book;
    private final CalendarRecords calendars;
    private final UserDirectory directory;
    private final AuditTrail audit;
    private final Clock clock;

    Policies(PolicyRecords records, PolicyBook book, CalendarRecords calendars, UserDirectory directory, AuditTrail audit,
             Clock clock) {
        this.records = records;
        this.book = book;
        this.calendars = calendars;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The first policy, in order, whose conditions the ticket meets; the default one takes every ticket. Read
     * from this node's {@link PolicyBook}, not the database.
     */
    SlaPolicy matching(TicketView ticket) {
        return book.ordered().stream().filter(p -> p.appliesTo(ticket)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no SLA policy applies, and the default one is missing"));
    }

    /** Every policy in order, as stored now (for admins). */
    List<SlaPolicy> ordered() {
        return records.ordered();
    }

    /** A policy's name as the policies in force say, for the audit trail of a ticket that changes policy. */
    String nameOf(long id) {
        return book.ordered().stream().filter(p -> p.id() == id).map(SlaPolicy::name).findFirst()
                .orElse(String.valueOf(id));
    }

    SlaPolicy get(long id) {
        return records.byId(id).orElseThrow(() -> Problems.notFound("SLA policy " + id));
    }

    @Transactional
    long create(Draft d, Actor actor) {
        requireAdmin(actor);
        List<FieldProblem> problems = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            problems.add(new FieldProblem("name", "must not be blank"));
        }
        Map<Priority, SlaPolicy.Targets> targets = new EnumMap<>(SlaPolicy.DEFAULT_TARGETS);
        if (d.targets() != null) {
            targets.putAll(d.targets());
        }
        long calendarId = d.calendarId() != null ? d.calendarId() : defaultPolicy().calendarId();
        SlaPolicy policy = new SlaPolicy(0, d.name() == null ? null : d.name().strip(), 0, false, calendarId,
                d.conditions() == null ? SlaPolicy.Conditions.ANY : d.conditions(), targets,
                d.warningPercent() == null ? SlaPolicy.DEFAULT_WARNING_PERCENT : d.warningPercent(),
                d.onBreach() == null ? SlaPolicy.BreachActions.NONE : d.onBreach(), null, null);
        check(policy, problems);
        Instant now = clock.instant();
        long id = records.insert(policy, now);
        place(id, d.position());
        book.changed();
        audit.record(AuditEntry.action("sla_policy", id, "created", actor.userId(), actor.systemJob(), now)
                .withReason(policy.name()));
        return id;
    }

    @Transactional
    void change(long id, Draft d, Actor actor) {
        requireAdmin(actor);
        SlaPolicy old = get(id);
        List<FieldProblem> problems = new ArrayList<>();
        if (d.name() != null && d.name().isBlank()) {
            problems.add(new FieldProblem("name", "must not be blank"));
        }
        if (old.isDefault() && d.conditions() != null && !d.conditions().isEmpty()) {
            problems.add(new FieldProblem("conditions", "the default policy applies to every ticket no other policy takes; "
                    + "it has no conditions"));
        }
        if (old.isDefault() && d.position() != null) {
            problems.add(new FieldProblem("position", "the default policy always comes last"));
        }
        Map<Priority, SlaPolicy.Targets> targets = new EnumMap<>(old.targets());
        if (d.targets() != null) {
            targets.putAll(d.targets());
        }
        SlaPolicy policy = new SlaPolicy(id, d.name() == null ? old.name() : d.name().strip(), old.position(), old.isDefault(),
                d.calendarId() == null ? old.calendarId() : d.calendarId(),
                d.conditions() == null || old.isDefault() ? old.conditions() : d.conditions(), targets,
                d.warningPercent() == null ? old.warningPercent() : d.warningPercent(),
                d.onBreach() == null ? old.onBreach() : d.onBreach(), old.createdAt(), old.updatedAt());
        check(policy, problems);
        Instant now = clock.instant();
        records.update(policy, now);
        if (d.position() != null) {
            place(id, d.position());
        }
        book.changed();
        audit.record(AuditEntry.action("sla_policy", id, "changed", actor.userId(), actor.systemJob(), now)
                .withReason(policy.name()));
    }

    @Transactional
    void delete(long id, Actor actor) {
        requireAdmin(actor);
        SlaPolicy policy = get(id);
        if (policy.isDefault()) {
            throw Problems.conflict("The default policy cannot be deleted: it is the one every other ticket gets.");
        }
        records.delete(id, defaultPolicy().id());
        place(null, null);
        book.changed();
        audit.record(AuditEntry.action("sla_policy", id, "deleted", actor.userId(), actor.systemJob(), clock.instant())
                .withReason(policy.name()));
    }

    /** Puts a policy at a 1-based position among the others (null: last before the default), renumbering all. */
    private void place(Long id, Integer position) {
        List<Long> order = new ArrayList<>(records.ordered().stream().filter(p -> !p.isDefault()).map(SlaPolicy::id)
                .filter(p -> !p.equals(id)).toList());
        if (id != null) {
            int at = position == null ? order.size() : Math.max(0, Math.min(order.size(), position - 1));
            order.add(at, id);
        }
        records.reorder(order);
    }

    private SlaPolicy defaultPolicy() {
        return records.ordered().stream().filter(SlaPolicy::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException("the default SLA policy is missing"));
    }

    private void check(SlaPolicy p, List<FieldProblem> problems) {
        if (p.name() != null && p.name().length() > 200) {
            problems.add(new FieldProblem("name", "at most 200 characters"));
        }
        if (calendars.version(p.calendarId()).isEmpty()) {
            problems.add(new FieldProblem("calendar_id", "no business calendar " + p.calendarId()));
        }
        SlaPolicy.Conditions c = p.conditions();
        if (c.groupId() != null && !directory.groupExists(c.groupId())) {
            problems.add(new FieldProblem("conditions.group_id", "no group " + c.groupId()));
        }
        if (c.category() != null && c.category().length() > 100) {
            problems.add(new FieldProblem("conditions.category", "at most 100 characters"));
        }
        for (Map.Entry<Priority, SlaPolicy.Targets> t : p.targets().entrySet()) {
            checkTarget(problems, "targets." + t.getKey().code() + ".first_response_minutes", t.getValue().firstResponse());
            checkTarget(problems, "targets." + t.getKey().code() + ".resolution_minutes", t.getValue().resolution());
        }
        if (p.warningPercent() < 1 || p.warningPercent() > 99) {
            problems.add(new FieldProblem("warning_percent", "must be between 1 and 99"));
        }
        SlaPolicy.BreachActions b = p.onBreach();
        if (b.escalateGroupId() != null && !directory.groupExists(b.escalateGroupId())) {
            problems.add(new FieldProblem("breach_actions.escalate_group_id", "no group " + b.escalateGroupId()));
        }
        if (b.escalateAgentId() != null && directory.findUser(b.escalateAgentId()).filter(UserSummary::active)
                .filter(u -> u.role().isStaff()).isEmpty()) {
            problems.add(new FieldProblem("breach_actions.escalate_agent_id",
                    "user " + b.escalateAgentId() + " is not an active agent or admin"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
    }

    private static void checkTarget(List<FieldProblem> problems, String field, Duration target) {
        if (target == null || target.toMinutes() < 1 || target.compareTo(LONGEST_TARGET) > 0) {
            problems.add(new FieldProblem(field, "must be between 1 minute and 10 years"));
        }
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage SLA policies and business calendars.");
        }
    }

    static void requireStaff(Actor actor) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("SLA policies and business calendars are for the team.");
        }
    }
}
