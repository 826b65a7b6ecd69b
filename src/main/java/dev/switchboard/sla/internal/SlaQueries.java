package dev.switchboard.sla.internal;

import dev.switchboard.sla.Sla;
import dev.switchboard.sla.SlaOutcome;
import dev.switchboard.sla.SlaView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

@Service
class SlaQueries implements Sla {

    private final ClockRecords records;
    private final Calendars calendars;
    private final Clock clock;

    SlaQueries(ClockRecords records, Calendars calendars, Clock clock) {
        this.records = records;
        this.calendars = calendars;
        this.clock = clock;
    }

    @Override
    public List<Long> breachingSoon(Duration within, int limit) {
        Instant now = SlaClocks.second(clock.instant());
        return records.breachingBetween(now, now.plus(within), Math.max(1, Math.min(limit, 500)));
    }

    @Override
    public Optional<SlaView> clockOf(long ticketId) {
        Instant now = SlaClocks.second(clock.instant());
        return records.views(List.of(ticketId)).stream().findFirst().map(v -> v.clock().view(v.policyName(),
                calendars.of(v.clock().calendarId(), v.calendarVersion()), now));
    }

    @Override
    public List<SlaOutcome> outcomes(long ticketId) {
        return records.outcomes(ticketId);
    }

    @Override
    public Optional<Boolean> withinBusinessHours(long ticketId, Instant at) {
        return records.views(List.of(ticketId)).stream().findFirst()
                .map(v -> calendars.of(v.clock().calendarId(), v.calendarVersion()).isOpen(at));
    }
}
