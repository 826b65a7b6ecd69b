package dev.switchboard.automation.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.notification.AutoReplies;
import dev.switchboard.notification.AutoReplies.AutoReply;
import dev.switchboard.routing.TicketConditions;
import dev.switchboard.sla.Sla;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a trigger does to one ticket when its conditions hold. Field changes first, together, through
 * {@code Tickets.change} as the system actor {@code triggers}; then internal notes; then mail and webhooks,
 * which see the ticket as the trigger left it. What can no longer be done (a move the lifecycle forbids, an
 * agent who left, a deleted group) is skipped and said in the run's outcome, never an error for the change
 * that set the trigger off. Every run is recorded, and the ticket's history names the trigger.
 */
@Component
class TriggerEffects {

    private static final Logger log = LoggerFactory.getLogger(TriggerEffects.class);

    private final Tickets tickets;
    private final TicketConditions vocabulary;
    private final UserDirectory directory;
    private final AutoReplies autoReplies;
    private final Sla sla;
    private final WebhookCalls webhooks;
    private final TriggerRunRecords runs;
    private final AuditTrail audit;
    private final Clock clock;
    private final int maxRunsPerTicketHour;

    TriggerEffects(Tickets tickets, TicketConditions vocabulary, UserDirectory directory, AutoReplies autoReplies,
                   Sla sla, WebhookCalls webhooks, TriggerRunRecords runs, AuditTrail audit, Clock clock,
                   @Value("${switchboard.triggers.max-runs-per-ticket-hour:10}") int maxRunsPerTicketHour) {
        this.tickets = tickets;
        this.vocabulary = vocabulary;
        this.directory = directory;
        this.autoReplies = autoReplies;
        this.sla = sla;
        this.webhooks = webhooks;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
        this.maxRunsPerTicketHour = maxRunsPerTicketHour;
    }

    /** The facts a trigger judges an occurrence by: the ticket as it is now, and the event. */
    TriggerFacts factsOf(Occurrence occurrence) {
        TicketView ticket = tickets.get(occurrence.ticketId(), TriggerListener.TRIGGERS);
        return new TriggerFacts(ticket, occurrence, () -> occurrence.messageId() == null ? nonNull(ticket.description())
                : tickets.message(occurrence.messageId(), TriggerListener.TRIGGERS).bodyText(),
                () -> sla.withinBusinessHours(ticket.id(), occurrence.at()).map(open -> open ? "open" : "closed")
                        .orElse(null));
    }

    /** Each condition's outcome on these facts; the trigger matches when all hold. */
    List<TicketConditions.Outcome> judge(Trigger trigger, TriggerFacts facts) {
        return trigger.conditions().stream().map(c -> vocabulary.evaluate(c, facts.valuesOf(c.field()))).toList();
    }

    /**
     * The facts the trigger fires on, when all its conditions hold on the ticket as it is now and the loop
     * brake lets it; else null. Only reads.
     */
    TriggerFacts firing(Trigger trigger, Occurrence occurrence) {
        TriggerFacts facts = factsOf(occurrence);
        List<TicketConditions.Outcome> outcomes = judge(trigger, facts);
        outcomes.stream().filter(o -> o.note() != null).forEach(o -> log.warn("Trigger {} ({}): {} {} '{}': {}",
                trigger.id(), trigger.name(), o.field(), o.operator(), o.value(), o.note()));
        if (!outcomes.stream().allMatch(TicketConditions.Outcome::matched)) {
            return null;
        }
        int recent = runs.countSince(trigger.id(), occurrence.ticketId(), clock.instant().minus(Duration.ofHours(1)));
        if (recent >= maxRunsPerTicketHour) {
            log.warn("Trigger {} ({}) not fired on ticket #{}: it fired {} times on it in the past hour, which looks "
                    + "like a loop through the outside (switchboard.triggers.max-runs-per-ticket-hour)", trigger.id(),
                    trigger.name(), occurrence.ticketId(), recent);
            return null;
        }
        return facts;
    }

    /** Does what the trigger says to the ticket, records the run and names the trigger in the ticket's history. */
    void fire(Trigger trigger, TriggerFacts facts) {
        Occurrence occurrence = facts.occurrence();
        Instant now = clock.instant();
        List<String> done = apply(trigger, facts);
        runs.record(trigger.id(), occurrence.ticketId(), occurrence.event().code(), String.join("; ", done), now);
        String reason = "trigger " + trigger.id() + " " + trigger.name();
        audit.record(AuditEntry.action("ticket", occurrence.ticketId(), "trigger_fired", null,
                TriggerListener.TRIGGERS.name(), now).withReason(reason.length() > 200 ? reason.substring(0, 199) + "…" : reason));
    }

    private List<String> apply(Trigger trigger, TriggerFacts facts) {
        List<String> done = new ArrayList<>();
        TicketView ticket = changeFields(trigger, facts.ticket(), done);
        String agentName = ticket.assignee() == null ? "" : ticket.assignee().name();
        for (TriggerAction action : trigger.actions()) {
            switch (action.kind()) {
                case ADD_NOTE -> {
                    tickets.post(ticket.id(), NewMessage.note(new MacroTemplate(action.body()).renderFor(ticket, agentName)),
                            TriggerListener.TRIGGERS);
                    done.add("add_note");
                }
                case SEND_EMAIL -> done.add(mail(action, ticket, agentName, facts.occurrence()));
                case WEBHOOK -> done.add(webhooks.call(trigger, action, ticket, facts.occurrence(), message(facts)));
                default -> {
                }
            }
        }
        return done;
    }

    /** Applies the field actions in order as one change; what the ticket cannot take is left out and said. */
    private TicketView changeFields(Trigger trigger, TicketView ticket, List<String> done) {
        String status = ticket.status();
        String priority = ticket.priority();
        Long group = ticket.groupId();
        Long assignee = ticket.assigneeId();
        SortedSet<String> tags = new TreeSet<>(ticket.tags());
        for (TriggerAction action : trigger.actions()) {
            switch (action.kind()) {
                case SET_STATUS -> status = (String) action.value();
                case SET_PRIORITY -> priority = (String) action.value();
                case SET_GROUP -> group = action.value() == null ? null : ((Number) action.value()).longValue();
                case SET_ASSIGNEE -> assignee = action.value() == null ? null : ((Number) action.value()).longValue();
                case ADD_TAGS -> ((List<?>) action.value()).forEach(t -> tags.add(String.valueOf(t)));
                case REMOVE_TAGS -> ((List<?>) action.value()).forEach(t -> tags.remove(String.valueOf(t)));
                default -> {
                }
            }
        }
        TicketStatus target = null;
        if (!Objects.equals(status, ticket.status())) {
            TicketStatus from = TicketStatus.parse("status", ticket.status());
            TicketStatus to = TicketStatus.parse("status", status);
            if (!from.agentTargets().contains(to)) {
                done.add("set_status " + status + " skipped: a " + from.code() + " ticket cannot move to " + to.code());
            } else if (to == TicketStatus.CLOSED && from != TicketStatus.RESOLVED) {
                done.add("set_status closed skipped: only a resolved ticket is closed by a trigger");
            } else {
                target = to;
                done.add("set_status " + status);
            }
        }
        if (!Objects.equals(group, ticket.groupId())) {
            if (group != null && !directory.groupExists(group)) {
                done.add("set_group " + group + " skipped: the group no longer exists");
                group = ticket.groupId();
            } else {
                done.add("set_group " + (group == null ? "none" : group));
            }
        }
        if (!Objects.equals(assignee, ticket.assigneeId())) {
            Optional<UserSummary> agent = assignee == null ? Optional.empty() : directory.findUser(assignee);
            if (assignee != null && agent.map(a -> !a.active() || !a.role().isStaff()).orElse(true)) {
                done.add("set_assignee " + assignee + " skipped: not an active agent or admin");
                assignee = ticket.assigneeId();
            } else {
                done.add("set_assignee " + (assignee == null ? "none" : assignee));
            }
        }
        boolean newPriority = !Objects.equals(priority, ticket.priority());
        if (newPriority) {
            done.add("set_priority " + priority);
        }
        boolean newTags = !tags.equals(new TreeSet<>(ticket.tags()));
        if (newTags) {
            done.add("tags " + String.join(",", tags));
        }
        boolean newGroup = !Objects.equals(group, ticket.groupId());
        boolean newAssignee = !Objects.equals(assignee, ticket.assigneeId());
        if (target == null && !newPriority && !newTags && !newGroup && !newAssignee) {
            return ticket;
        }
        return tickets.change(ticket.id(), new TicketChange(ticket.version(), false, target, null,
                newPriority ? Priority.parse("priority", priority) : null,
                newAssignee ? Optional.ofNullable(assignee) : null, newGroup ? Optional.ofNullable(group) : null,
                null, newTags ? tags : null), TriggerListener.TRIGGERS);
    }

    /** Queues one email under the loop rules, in the recipient's language when the trigger has it. */
    private String mail(TriggerAction action, TicketView ticket, String agentName, Occurrence occurrence) {
        String address;
        Long userId = null;
        String language = null;
        switch (action.to()) {
            case "requester" -> {
                userId = ticket.requester().id();
                address = ticket.requester().email();
            }
            case "assignee" -> {
                if (ticket.assigneeId() == null) {
                    return "send_email to assignee skipped: the ticket has no assignee";
                }
                userId = ticket.assigneeId();
                address = ticket.assignee() == null ? null : ticket.assignee().email();
            }
            default -> address = action.address();
        }
        if (userId != null) {
            language = directory.findUser(userId).map(UserSummary::locale).orElse(null);
        }
        TriggerAction.Wording wording = action.wordingFor(language);
        String subject = new MacroTemplate(wording.subject()).renderFor(ticket, agentName)
                .replaceAll("[\\r\\n\\t]+", " ").strip();
        String text = new MacroTemplate(wording.body()).renderFor(ticket, agentName);
        AutoReplies.Outcome outcome = autoReplies.send(new AutoReply(address, userId, subject, text, ticket.id(),
                AutoReplies.KIND, occurrence.answersMachine()));
        return "send_email to " + address + (outcome.isQueued() ? " queued" : " held back: " + outcome.heldBack());
    }

    /** The reply the event is about, or the ticket's first message for a new ticket; null otherwise. */
    private MessageView message(TriggerFacts facts) {
        Occurrence occurrence = facts.occurrence();
        if (occurrence.messageId() != null) {
            return tickets.message(occurrence.messageId(), TriggerListener.TRIGGERS);
        }
        if (occurrence.event() == TriggerEvent.CREATED) {
            return tickets.messages(occurrence.ticketId(), TriggerListener.TRIGGERS).stream()
                    .filter(m -> !m.internal()).findFirst().orElse(null);
        }
        return null;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
