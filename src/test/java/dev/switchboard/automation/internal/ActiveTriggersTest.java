package dev.switchboard.automation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.storage.ConfigCaches;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Ticket events are judged against the active triggers held in memory, read once for every event. */
class ActiveTriggersTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final TriggerRecords records = new TriggerRecords(null) {
        @Override
        List<Trigger> active() {
            reads.incrementAndGet();
            return List.of(trigger(1, "created"), trigger(2, "updated"), trigger(3, "created"));
        }
    };
    private final ActiveTriggers active = new ActiveTriggers(records, new ConfigCaches(Duration.ofSeconds(5), nanos::get));

    private static Trigger trigger(long id, String event) {
        return new Trigger(id, "Trigger " + id, event, (int) id, List.of(), List.of(), true, NOW, NOW);
    }

    @Test
    void everyEventsTriggersComeFromOneReadUntilTheTtlPassesOrTheyChange() {
        for (int i = 0; i < 50; i++) {
            assertThat(active.of(Set.of("created"))).extracting(Trigger::id).containsExactly(1L, 3L);
            assertThat(active.of(Set.of("updated", "created"))).extracting(Trigger::id).containsExactly(1L, 2L, 3L);
        }
        assertThat(active.of(Set.of())).isEmpty();
        assertThat(reads).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        active.of(Set.of("created"));
        assertThat(reads).as("another node's change is seen after the TTL").hasValue(2);

        active.changed();
        active.of(Set.of("created"));
        assertThat(reads).as("a change on this node at once").hasValue(3);
    }
}
