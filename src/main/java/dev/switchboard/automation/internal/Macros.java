package dev.switchboard.automation.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps macros, shows what one would do to a ticket, and applies it through the ticket module. */
@Service
class Macros {

    /** A macro as a client writes it; null leaves a field as it is (on a change). */
    record Draft(String name, Boolean shared, List<Object> actions) {
    }

    record Message(boolean internal, String text) {
    }

    /** What applying a macro would do: the messages it posts and the fields as they would be after it. */
    record Preview(long macroId, String name, List<Message> messages, String status, String priority, Long groupId,
                   Long assigneeId, SortedSet<String> tags) {
    }

    private final MacroRecords records;
    private final Tickets tickets;
    private final UserDirectory directory;
    private final AuditTrail audit;
    private final Clock clock;

    Macros(MacroRecords records, Tickets tickets, UserDirectory directory, AuditTrail audit, Clock clock) {
        this.records = records;
        this.tickets = tickets;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    List<Macro> visibleTo(Actor actor) {
        requireStaff(actor);
        return records.visibleTo(actor.userId() == null ? -1 : actor.userId());
    }

    Macro get(long id, Actor actor) {
        requireStaff(actor);
        return records.byId(id).filter(m -> m.visibleTo(actor)).orElseThrow(() -> Problems.notFound("Macro " + id));
    }

    @Transactional
    Macro create(Actor actor, Draft draft) {
        requireStaff(actor);
        boolean shared = Boolean.TRUE.equals(draft.shared());
        if (shared && !actor.isAdmin()) {
            throw Problems.forbidden("Only admins make shared macros; leave out \"shared\" to make one of your own.");
        }
        if (draft.name() == null || draft.actions() == null) {
            throw InvalidRequest.field(draft.name() == null ? "name" : "actions", "required");
        }
        String name = name(draft.name());
        List<MacroAction> actions = actions(draft.actions());
        Instant now = clock.instant();
        long id = records.insert(name, shared ? null : actor.userId(), actions, now);
        audit.record(AuditEntry.action("macro", id, "created", actor.userId(), actor.systemJob(), now).withReason(name));
        return records.byId(id).orElseThrow();
    }

    @Transactional
    Macro change(Actor actor, long id, Draft draft) {
        Macro macro = editable(id, actor);
        if (draft.shared() != null && draft.shared() != macro.shared()) {
            throw InvalidRequest.field("shared", "cannot be changed; make a new macro instead");
        }
        String name = draft.name() == null ? macro.name() : name(draft.name());
        List<MacroAction> actions = draft.actions() == null ? macro.actions() : actions(draft.actions());
        Instant now = clock.instant();
        records.update(id, name, actions, now);
        List<AuditEntry> entries = new ArrayList<>();
        if (!name.equals(macro.name())) {
            entries.add(AuditEntry.change("macro", id, "name", macro.name(), name, actor.userId(), actor.systemJob(), now));
        }
        if (!actions.equals(macro.actions())) {
            entries.add(AuditEntry.change("macro", id, "actions", macro.actions(), actions, actor.userId(),
                    actor.systemJob(), now));
        }
        audit.record(entries);
        return records.byId(id).orElseThrow();
    }

    @Transactional
    void delete(Actor actor, long id) {
        Macro macro = editable(id, actor);
        records.delete(id);
        audit.record(AuditEntry.action("macro", id, "deleted", actor.userId(), actor.systemJob(), clock.instant())
                .withReason(macro.name()));
    }

    Preview preview(long ticketId, long macroId, Actor actor) {
        return plan(tickets.get(ticketId, actor), get(macroId, actor), actor);
    }

    /**
     * Applies a macro: its field changes first (under the ticket's lock, checked against {@code version}, so a
     * lost update is 409), then its messages; all in one transaction, so it applies wholly or not at all.
     */
    @Transactional
    TicketView apply(long ticketId, long macroId, int version, Actor actor) {
        Macro macro = get(macroId, actor);
        TicketView ticket = tickets.get(ticketId, actor);
        Preview plan = plan(ticket, macro, actor);
        TicketChange change = new TicketChange(version, false,
                same(plan.status(), ticket.status()) ? null : TicketStatus.parse("status", plan.status()), null,
                same(plan.priority(), ticket.priority()) ? null : Priority.parse("priority", plan.priority()),
                same(plan.assigneeId(), ticket.assigneeId()) ? null : Optional.ofNullable(plan.assigneeId()),
                same(plan.groupId(), ticket.groupId()) ? null : Optional.ofNullable(plan.groupId()), null,
                plan.tags().equals(new TreeSet<>(ticket.tags())) ? null : plan.tags());
        boolean changesFields = change.status() != null || change.priority() != null || change.assigneeId() != null
                || change.groupId() != null || change.tags() != null;
        if (changesFields) {
            tickets.change(ticketId, change, actor);
        } else if (version != ticket.version()) {
            throw Problems.conflict("Ticket #" + ticketId + " was changed by someone else since you loaded it (your version "
                    + version + ", now " + ticket.version() + "). Reload it and apply the macro again.");
        }
        for (Message message : plan.messages()) {
            tickets.post(ticketId, new NewMessage(message.text(), null, message.internal(), null), actor);
        }
        audit.record(AuditEntry.action("ticket", ticketId, "macro_applied", actor.userId(), actor.systemJob(),
                clock.instant()).withReason("macro " + macro.id() + " " + macro.name()));
        return tickets.get(ticketId, actor);
    }

    private Preview plan(TicketView ticket, Macro macro, Actor actor) {
        List<Message> messages = new ArrayList<>();
        String status = ticket.status();
        String priority = ticket.priority();
        Long group = ticket.groupId();
        Long assignee = ticket.assigneeId();
        SortedSet<String> tags = new TreeSet<>(ticket.tags());
        for (MacroAction action : macro.actions()) {
            switch (action.kind()) {
                case REPLY, NOTE -> messages.add(new Message(action.kind() == MacroAction.Type.NOTE,
                        new MacroTemplate(action.body()).renderFor(ticket, actor.name())));
                case SET_STATUS -> status = (String) action.value();
                case SET_PRIORITY -> priority = (String) action.value();
                case SET_GROUP -> group = action.value() == null ? null : ((Number) action.value()).longValue();
                case SET_ASSIGNEE -> assignee = action.value() == null ? null : ((Number) action.value()).longValue();
                case ADD_TAGS -> ((List<?>) action.value()).forEach(t -> tags.add(String.valueOf(t)));
                case REMOVE_TAGS -> ((List<?>) action.value()).forEach(t -> tags.remove(String.valueOf(t)));
            }
        }
        return new Preview(macro.id(), macro.name(), messages, status, priority, group, assignee, tags);
    }

    private Macro editable(long id, Actor actor) {
        Macro macro = get(id, actor);
        if (!macro.editableBy(actor)) {
            throw Problems.forbidden("Only admins change shared macros.");
        }
        return macro;
    }

    private List<MacroAction> actions(List<Object> raw) {
        List<FieldProblem> problems = new ArrayList<>();
        if (raw.isEmpty() || raw.size() > 20) {
            problems.add(new FieldProblem("actions", "1 to 20 actions"));
        }
        List<MacroAction> actions = new ArrayList<>();
        for (int i = 0; i < raw.size() && i < 20; i++) {
            actions.add(MacroAction.parse(raw.get(i), "actions[" + i + "]", directory, problems));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return List.copyOf(actions);
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw InvalidRequest.field("name", "must be 1 to 200 characters");
        }
        return name.strip();
    }

    private static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("Macros are for the team.");
        }
    }
}
