package dev.switchboard.sla.internal;

import dev.switchboard.sla.BusinessCalendar;
import dev.switchboard.web.Problems;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Business calendars ready for arithmetic, kept per (id, version): a calendar's per-year tables are built
 * once per node, and an edit on any node bumps the version, so no node computes with a stale calendar.
 */
@Component
class Calendars {

    private record Cached(int version, BusinessCalendar calendar) {
    }

    private final CalendarRecords records;
    private final ConcurrentMap<Long, Cached> cache = new ConcurrentHashMap<>();

    Calendars(CalendarRecords records) {
        this.records = records;
    }

    BusinessCalendar of(long id) {
        return current(id).calendar();
    }

    /** The calendar as it stands, with its version (what a view of a clock on it names). */
    Versioned current(long id) {
        int version = records.version(id).orElseThrow(() -> Problems.notFound("Business calendar " + id));
        return new Versioned(version, of(id, version));
    }

    record Versioned(int version, BusinessCalendar calendar) {
    }

    /** The calendar at this version (what a query joined from business_calendars said). */
    BusinessCalendar of(long id, int version) {
        Cached cached = cache.get(id);
        if (cached != null && cached.version() >= version) {
            return cached.calendar();
        }
        StoredCalendar stored = records.byId(id).orElseThrow(() -> Problems.notFound("Business calendar " + id));
        Cached fresh = new Cached(stored.version(), stored.calendar());
        cache.merge(id, fresh, (old, neu) -> old.version() >= neu.version() ? old : neu);
        return fresh.calendar();
    }
}
