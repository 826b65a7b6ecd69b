package dev.switchboard.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Idempotency keys protect retries, which come within minutes; after a day a key is forgotten. */
@Component
class IdempotencyKeyExpiry {

    static final Duration KEEP = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyKeyExpiry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @SchedulerLock(name = "idempotency-key-expiry", lockAtMostFor = "PT30M")
    public void sweep() {
        forgetOlderThan(KEEP);
    }

    int forgetOlderThan(Duration age) {
        return jdbc.sql("delete from idempotency_keys where created_at < ?")
                .param(OffsetDateTime.ofInstant(clock.instant().minus(age), ZoneOffset.UTC)).update();
    }
}
