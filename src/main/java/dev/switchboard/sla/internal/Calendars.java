package dev.switchboard.sla.internal;

import dev.switchboard.sla.BusinessCalendar;
import dev.switchboard.storage.ConfigCaches;
import dev.switchboard.storage.ConfigCaches.ConfigCache;
import dev.switchboard.web.Problems;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Business calendars ready for arithmetic, kept per (id, version): a calendar's per-year tables are built
 * once per node, and an edit on any node bumps the version, so no node computes with a stale calendar.
 *
 * <p>Which version is current is itself remembered (every new ticket asks), for at most
 * {@code switchboard.config-cache.ttl}: {@link CalendarService} forgets it on every change it makes, so this
 * node uses an edited calendar from the next ticket on; another node does within that time.
 */
@Component
class Calendars {

    private record Cached(int version, BusinessCalendar calendar) {
    }

    private final CalendarRecords records;
    private final ConcurrentMap<Long, Cached> cache = new ConcurrentHashMap<>();
    private final ConfigCache<Long, Optional<Integer>> versions;

    Calendars(CalendarRecords records, ConfigCaches caches) {
        this.records = records;
        this.versions = caches.create();
    }

    /** The calendar as it is now (as far as this node's remembered version says). */
    BusinessCalendar of(long id) {
        return current(id).calendar();
    }

    /** The calendar as it stands, with its version (what a view of a clock on it names). */
    Versioned current(long id) {
        int version = versions.get(id, records::version).orElseThrow(() -> Problems.notFound("Business calendar " + id));
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

    /** A calendar was created, changed, deleted or given holidays: its version is read again. */
    void changed() {
        versions.evict();
    }
}
