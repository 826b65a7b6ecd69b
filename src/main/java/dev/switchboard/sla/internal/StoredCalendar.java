package dev.switchboard.sla.internal;

import dev.switchboard.sla.BusinessCalendar;
import dev.switchboard.sla.Holiday;
import dev.switchboard.sla.OpeningHours;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A business calendar as stored: its name and version besides what the arithmetic needs. */
record StoredCalendar(long id, String name, ZoneId zone, OpeningHours hours, List<Holiday> holidays, int version,
                      Instant createdAt, Instant updatedAt) {

    BusinessCalendar calendar() {
        return new BusinessCalendar(zone, hours, holidays);
    }
}
