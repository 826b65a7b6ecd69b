package dev.switchboard.automation.internal;

import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets trigger runs after {@code switchboard.triggers.keep-runs} (30 days): they show admins what their
 * triggers did lately and brake loops within the hour; the ticket's history keeps the lasting record.
 */
@Component
class TriggerRunExpiry {

    private final TriggerRunRecords runs;
    private final Clock clock;
    private final Duration keep;

    TriggerRunExpiry(TriggerRunRecords runs, Clock clock, @Value("${switchboard.triggers.keep-runs:30d}") Duration keep) {
        this.runs = runs;
        this.clock = clock;
        this.keep = keep;
    }

    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT10M")
    @SchedulerLock(name = "trigger-run-expiry", lockAtMostFor = "PT30M")
    public void sweep() {
        runs.forgetBefore(clock.instant().minus(keep));
    }
}
