package dev.switchboard.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sla.OpeningHours;
import dev.switchboard.storage.ConfigCaches;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

/**
 * What every new ticket reads of the SLA set-up comes from memory: the policies in force and which version of
 * a calendar is current, for at most the configured time or until a change through this node.
 */
class PolicyBookTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final ConfigCaches caches = new ConfigCaches(Duration.ofSeconds(5), nanos::get);
    private final AtomicInteger reads = new AtomicInteger();

    private final PolicyRecords policyRecords = new PolicyRecords(null) {
        @Override
        List<SlaPolicy> ordered() {
            reads.incrementAndGet();
            return List.of(new SlaPolicy(1, "Default", 0, true, 1, SlaPolicy.Conditions.ANY, SlaPolicy.DEFAULT_TARGETS,
                    SlaPolicy.DEFAULT_WARNING_PERCENT, SlaPolicy.BreachActions.NONE, NOW, NOW));
        }
    };

    private int version = 1;
    private final CalendarRecords calendarRecords = new CalendarRecords(null) {
        @Override
        Optional<Integer> version(long id) {
            reads.incrementAndGet();
            return id == 1 ? Optional.of(version) : Optional.empty();
        }

        @Override
        Optional<StoredCalendar> byId(long id) {
            return Optional.of(new StoredCalendar(id, "24/7", ZoneId.of("UTC"), OpeningHours.always(), List.of(), version,
                    NOW, NOW));
        }
    };

    @Test
    void thePoliciesAreReadOnceUntilTheTtlPassesOrTheyChange() {
        PolicyBook book = new PolicyBook(policyRecords, caches);
        for (int i = 0; i < 100; i++) {
            assertThat(book.ordered()).hasSize(1);
        }
        assertThat(reads).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        book.ordered();
        assertThat(reads).as("another node's change is seen after the TTL").hasValue(2);

        book.changed();
        book.ordered();
        assertThat(reads).as("a change on this node at once").hasValue(3);
    }

    @Test
    void thePoliciesInMemoryCannotBeChangedByTheirReaders() {
        List<SlaPolicy> policies = new PolicyBook(policyRecords, caches).ordered();
        Assertions.assertThatThrownBy(() -> policies.add(policies.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCalendarsCurrentVersionIsReadOnceUntilTheTtlPassesOrACalendarChanges() {
        Calendars calendars = new Calendars(calendarRecords, caches);
        for (int i = 0; i < 100; i++) {
            assertThat(calendars.of(1).isOpen(NOW)).isTrue();
        }
        assertThat(reads).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        calendars.of(1);
        assertThat(reads).hasValue(2);

        calendars.changed();
        calendars.of(1);
        assertThat(reads).hasValue(3);
        Assertions.assertThatThrownBy(() -> calendars.of(2)).isInstanceOf(ErrorResponseException.class);
    }
}
