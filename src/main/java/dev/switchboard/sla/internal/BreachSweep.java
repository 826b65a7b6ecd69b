package dev.switchboard.sla.internal;

import static dev.switchboard.sla.internal.SlaClocks.SLA;
import static dev.switchboard.sla.internal.SlaClocks.second;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.sla.SlaWarned;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every minute, finds the clocks whose warning or breach has come (through the index on next_check_at, so
 * the cost follows what is due, not how many tickets are open) and acts on each: a line in the ticket's
 * history, an event, and on a breach the policy's escalation.
 *
 * <p>Exactly once, even with two sweeps at once (ShedLock normally keeps it to one node, but a lock can
 * expire under a long sweep): each ticket is handled in its own transaction that locks the ticket's row,
 * then its clock's row, in the order every ticket change takes them, and claims each warning or breach with
 * a conditional update that only the first sweep can win.
 */
@Component
class BreachSweep {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(BreachSweep.class);

    private final ClockRecords records;
    private final Escalation escalation;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    BreachSweep(ClockRecords records, Escalation escalation, AuditTrail audit, ApplicationEventPublisher events,
                TransactionTemplate tx, Clock clock) {
        this.records = records;
        this.escalation = escalation;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${switchboard.sla.sweep:PT1M}", initialDelayString = "PT20S")
    @SchedulerLock(name = "sla-breach-sweep", lockAtMostFor = "PT10M")
    public void sweep() {
        int recorded = sweepDue();
        if (recorded > 0) {
            log.info("SLA sweep: recorded {} warnings and breaches", recorded);
        }
    }

    /** Acts on everything due now; answers how many warnings and breaches this call recorded. */
    int sweepDue() {
        Instant now = second(clock.instant());
        Instant after = Instant.EPOCH;
        long afterId = 0;
        int recorded = 0;
        List<ClockRecords.Due> due;
        do {
            due = records.dueBy(now, after, afterId, BATCH);
            for (ClockRecords.Due d : due) {
                recorded += handle(d.ticketId(), now);
                after = d.checkAt();
                afterId = d.ticketId();
            }
        } while (due.size() == BATCH);
        return recorded;
    }

    /**
     * One ticket, in one transaction. A passing database trouble (a lock wait that timed out, a deadlock
     * victim) rolls the claim back, so the next sweep tries again, actions and all. Should an escalation
     * action fail for good (say the ticket changed in a way the action cannot follow), the warning or breach
     * is still recorded, without the actions, rather than failing again every minute.
     */
    private int handle(long ticketId, Instant now) {
        try {
            return tx.execute(s -> act(ticketId, now, true));
        } catch (TransientDataAccessException e) {
            log.warn("SLA sweep: ticket #{} is busy; the next sweep takes it up", ticketId, e);
            return 0;
        } catch (RuntimeException e) {
            log.warn("SLA escalation on ticket #{} failed; recording the breach without its actions", ticketId, e);
            return tx.execute(s -> act(ticketId, now, false));
        }
    }

    private int act(long ticketId, Instant now, boolean escalate) {
        if (!records.lockTicket(ticketId)) {
            return 0;
        }
        SlaClock clock = records.lock(ticketId).orElse(null);
        if (clock == null) {
            return 0;
        }
        List<SlaClock.Happening> due = clock.dueBy(now);
        List<SlaClock.Happening> claimed = new ArrayList<>();
        SlaClock next = clock;
        for (SlaClock.Happening h : due) {
            if (records.claim(ticketId, h.target(), h.breach(), now)) {
                claimed.add(h);
                next = h.breach() ? next.breached(h.target(), now) : next.warned(h.target(), now);
            }
        }
        records.save(next); // the next check moves on even when another sweep claimed first
        for (SlaClock.Happening h : claimed) {
            SlaClock.Timer timer = next.timer(h.target());
            if (h.breach()) {
                audit.record(new AuditEntry("ticket", ticketId, "sla_breached", h.target().code(), null,
                        timer.dueAt().toString(), "the " + h.target().label() + " target was due " + timer.dueAt(),
                        null, SLA.systemJob(), now));
            } else {
                audit.record(new AuditEntry("ticket", ticketId, "sla_warning", h.target().code(), null,
                        timer.dueAt().toString(), clock.warningPercent() + "% of the " + h.target().label()
                        + " target used; due " + timer.dueAt(), null, SLA.systemJob(), now));
                events.publishEvent(new SlaWarned(ticketId, h.target(), next.policyId(), timer.dueAt(), now));
            }
        }
        for (SlaClock.Happening h : claimed) {
            if (h.breach()) {
                escalation.onBreach(next, h.target(), now, escalate);
            }
        }
        return claimed.size();
    }
}
