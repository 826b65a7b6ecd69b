package dev.switchboard.sla.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.sla.BusinessCalendar;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketEvents.MessagePosted;
import dev.switchboard.ticket.TicketEvents.StatusChanged;
import dev.switchboard.ticket.TicketEvents.TicketChanged;
import dev.switchboard.ticket.TicketEvents.TicketOpened;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each ticket's clocks in step with the ticket. The ticket module publishes its events inside the
 * transaction of the change and with the ticket's row locked, so these synchronous listeners change the
 * clock in that same transaction: a ticket and its clocks never disagree, not even for a moment.
 */
@Component
class SlaClocks {

    static final Actor SLA = Actor.system("sla");
    /** The ticket fields a policy's conditions or targets depend on. */
    private static final Set<String> POLICY_FIELDS = Set.of("priority", "group_id", "category");

    private final Tickets tickets;
    private final Policies policies;
    private final Calendars calendars;
    private final ClockRecords records;
    private final AuditTrail audit;

    SlaClocks(Tickets tickets, Policies policies, Calendars calendars, ClockRecords records, AuditTrail audit) {
        this.tickets = tickets;
        this.policies = policies;
        this.calendars = calendars;
        this.records = records;
        this.audit = audit;
    }

    @EventListener
    void on(TicketOpened event) {
        TicketView ticket = tickets.get(event.ticketId(), SLA);
        SlaPolicy policy = policies.matching(ticket);
        Calendars.Versioned calendar = calendars.current(policy.calendarId());
        SlaClock clock = SlaClock.start(event.ticketId(), policy, Priority.parse("priority", ticket.priority()),
                calendar.calendar(), second(event.at()));
        records.insert(clock);
        records.rememberNew(new ClockRecords.Viewed(clock, policy.name(), calendar.version()));
    }

    /** A new priority, group or category can mean other targets, or another policy altogether. */
    @EventListener
    void on(TicketChanged event) {
        if (event.changes().stream().noneMatch(c -> POLICY_FIELDS.contains(c.field()))) {
            return;
        }
        Instant at = second(event.at());
        change(event.ticketId(), clock -> {
            TicketView ticket = tickets.get(event.ticketId(), SLA);
            SlaPolicy policy = policies.matching(ticket);
            if (policy.id() != clock.policyId()) {
                String before = policies.nameOf(clock.policyId());
                audit.record(AuditEntry.change("ticket", event.ticketId(), "sla_policy", before, policy.name(), null,
                        SLA.systemJob(), at));
            }
            return clock.retargeted(policy, Priority.parse("priority", ticket.priority()), calendars.of(policy.calendarId()), at);
        });
    }

    @EventListener
    void on(StatusChanged event) {
        Instant at = second(event.at());
        change(event.ticketId(), clock -> {
            BusinessCalendar calendar = calendars.of(clock.calendarId());
            SlaClock next = clock;
            if (event.from() == TicketStatus.PENDING) {
                next = next.resumed(at, calendar);
            }
            if (event.to() == TicketStatus.PENDING) {
                next = next.paused(at);
            }
            if (event.from() == TicketStatus.RESOLVED && event.to().isActive()) {
                next = next.reopened(at, calendar);
            }
            if (!event.to().isActive() && (event.from() == null || event.from().isActive())) {
                next = next.resolved(at, calendar);
            }
            return next;
        });
    }

    /** The first public reply by a person of the team meets the first response; auto-replies do not. */
    @EventListener
    void on(MessagePosted event) {
        Actor author = event.author();
        if (event.internal() || event.byRequester() || author == null || !author.isStaff() || author.isSystem()) {
            return;
        }
        Instant at = second(event.at());
        change(event.ticketId(), clock -> clock.firstResponded(at, calendars.of(clock.calendarId())));
    }

    /** Applies a change to the ticket's clock (if it has one) and keeps the record for reports in step. */
    private void change(long ticketId, UnaryOperator<SlaClock> change) {
        records.lock(ticketId).ifPresent(before -> {
            SlaClock after = change.apply(before);
            if (after.equals(before)) {
                return;
            }
            records.save(after);
            for (SlaTarget target : SlaTarget.values()) {
                boolean wasMet = before.timer(target).met();
                boolean isMet = after.timer(target).met();
                if (isMet && !wasMet) {
                    records.recordOutcome(after.outcome(target));
                } else if (wasMet && !isMet) {
                    records.forgetOutcome(ticketId, target);
                }
            }
        });
    }

    /** SLA clocks count whole seconds: finer would promise a precision nobody can keep. */
    static Instant second(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS);
    }
}
