package dev.switchboard.sla.internal;

import static dev.switchboard.sla.internal.SlaClocks.SLA;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.sla.SlaBreached;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What a breach sets off, as the ticket's policy says: an internal note naming the group's managers (and
 * the {@link SlaBreached} event, for the notification module to mail them), the priority one step up, a move
 * to an escalation group or agent. Changes go through {@link Tickets#change} as the system actor "sla", so
 * they land in the ticket's history like anyone's, and the clocks re-aim at the new priority.
 */
@Component
class Escalation {

    private static final Logger log = LoggerFactory.getLogger(Escalation.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Tickets tickets;
    private final PolicyRecords policies;
    private final GroupManagers managers;
    private final UserDirectory directory;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    Escalation(Tickets tickets, PolicyRecords policies, GroupManagers managers, UserDirectory directory, AuditTrail audit,
               ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.policies = policies;
        this.managers = managers;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
    }

    /** Runs the breach actions of the clock's policy; {@code act} false records the breach event only. */
    void onBreach(SlaClock clock, SlaTarget target, Instant now, boolean act) {
        long ticketId = clock.ticketId();
        Instant due = clock.timer(target).dueAt();
        Optional<SlaPolicy> policy = policies.byId(clock.policyId());
        SlaPolicy.BreachActions actions = act ? policy.map(SlaPolicy::onBreach).orElse(SlaPolicy.BreachActions.NONE)
                : SlaPolicy.BreachActions.NONE;
        TicketView ticket = tickets.get(ticketId, SLA);
        List<String> done = new ArrayList<>();
        List<Long> notified = List.of();
        if (actions.notifyManagers()) {
            notified = ticket.groupId() == null ? List.of() : managers.of(ticket.groupId());
            Map<Long, UserSummary> people = directory.findUsers(notified);
            String names = String.join(", ", notified.stream().map(people::get).filter(Objects::nonNull)
                    .map(u -> u.name() + " <" + u.email() + ">").toList());
            String note = "SLA breached: the " + target.label() + " target of policy '"
                    + policy.map(SlaPolicy::name).orElse("?") + "' was due " + WHEN.format(due) + ". "
                    + (notified.isEmpty() ? "This ticket's group has no manager to notify; set one under SLA in the admin pages."
                    : "Notifying the group's managers: " + names + ".");
            tickets.post(ticketId, NewMessage.note(note), SLA);
            done.add(notified.isEmpty() ? "noted, no manager to notify" : "notified " + names);
        }
        Priority priority = null;
        if (actions.raisePriority()) {
            Priority current = Priority.parse("priority", ticket.priority());
            if (current != Priority.CRITICAL) {
                priority = Priority.values()[current.ordinal() + 1];
                done.add("priority " + current.code() + " → " + priority.code());
            }
        }
        Optional<Long> group = null;
        if (actions.escalateGroupId() != null && !actions.escalateGroupId().equals(ticket.groupId())) {
            if (directory.groupExists(actions.escalateGroupId())) {
                group = Optional.of(actions.escalateGroupId());
                done.add("moved to group " + actions.escalateGroupId());
            } else {
                done.add("escalation group " + actions.escalateGroupId() + " no longer exists");
            }
        }
        Optional<Long> assignee = null;
        if (actions.escalateAgentId() != null && !actions.escalateAgentId().equals(ticket.assigneeId())) {
            Optional<UserSummary> agent = directory.findUser(actions.escalateAgentId())
                    .filter(UserSummary::active).filter(u -> u.role().isStaff());
            if (agent.isPresent()) {
                assignee = Optional.of(agent.get().id());
                done.add("assigned to " + agent.get().name());
            } else {
                done.add("escalation agent " + actions.escalateAgentId() + " is not an active agent");
            }
        }
        if (priority != null || group != null || assignee != null) {
            int version = tickets.get(ticketId, SLA).version(); // the note above made a new version
            tickets.change(ticketId, new TicketChange(version, false, null, null, priority, assignee, group, null, null), SLA);
        }
        if (!done.isEmpty()) {
            audit.record(AuditEntry.action("ticket", ticketId, "sla_escalated", null, SLA.systemJob(), now)
                    .withReason(shorten(target.label() + ": " + String.join("; ", done))));
            log.info("SLA escalation on ticket #{}: {}", ticketId, done);
        }
        events.publishEvent(new SlaBreached(ticketId, target, clock.policyId(), due, notified, now));
    }

    /** The history's reason column holds 200 characters. */
    private static String shorten(String reason) {
        return reason.length() <= 200 ? reason : reason.substring(0, 199) + "…";
    }
}
