package dev.switchboard.ticket.internal;

import dev.switchboard.identity.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes tickets that have stayed resolved with no requester reply for the configured time (48 h by
 * default). ShedLock keeps the sweep on one node at a time; each close still locks its ticket and checks
 * it is resolved, so even two sweeps at once close each ticket exactly once.
 */
@Component
class AutoClose {

    static final Actor JOB = Actor.system("auto-close");
    private static final Logger log = LoggerFactory.getLogger(AutoClose.class);
    private static final int BATCH = 200;

    private final TicketRecords records;
    private final TicketService tickets;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration after;

    AutoClose(TicketRecords records, TicketService tickets, TransactionTemplate tx, Clock clock,
              @Value("${switchboard.tickets.auto-close-after:48h}") Duration after) {
        this.records = records;
        this.tickets = tickets;
        this.tx = tx;
        this.clock = clock;
        this.after = after;
    }

    @Scheduled(fixedDelayString = "${switchboard.tickets.auto-close-sweep:PT1M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "ticket-auto-close", lockAtMostFor = "PT10M")
    public void sweep() {
        int closed = closeDue();
        if (closed > 0) {
            log.info("Auto-close: closed {} resolved tickets with no reply for {}", closed, after);
        }
    }

    /** Closes every ticket due now; answers how many this call closed. */
    int closeDue() {
        Instant cutoff = clock.instant().minus(after);
        int closed = 0;
        long last = 0;
        List<Long> due;
        do {
            due = records.resolvedBefore(cutoff, last, BATCH);
            for (long id : due) {
                if (Boolean.TRUE.equals(tx.execute(s -> tickets.closeIfStillResolved(id, cutoff, JOB)))) {
                    closed++;
                }
                last = id;
            }
        } while (due.size() == BATCH);
        return closed;
    }
}
