package dev.switchboard.sla.internal;

import static dev.switchboard.sla.internal.Policies.requireAdmin;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.sla.BusinessCalendar;
import dev.switchboard.sla.Holiday;
import dev.switchboard.sla.OpeningHours;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admins' work on business calendars. Changing one does not move due times already computed on it; tickets
 * opened or re-targeted afterwards use the new hours.
 */
@Service
class CalendarService {

    static final int MAX_HOLIDAYS = 2000;

    /** Import result: how many of the file's holidays were new to the calendar. */
    record Imported(int found, int added) {
    }

    private final CalendarRecords records;
    private final Calendars calendars;
    private final HolidayImport imports;
    private final AuditTrail audit;
    private final Clock clock;

    CalendarService(CalendarRecords records, Calendars calendars, HolidayImport imports, AuditTrail audit, Clock clock) {
        this.records = records;
        this.calendars = calendars;
        this.imports = imports;
        this.audit = audit;
        this.clock = clock;
    }

    List<StoredCalendar> all() {
        return records.all();
    }

    StoredCalendar get(long id) {
        return records.byId(id).orElseThrow(() -> Problems.notFound("Business calendar " + id));
    }

    @Transactional
    long create(Actor actor, String name, ZoneId zone, OpeningHours hours, List<Holiday> holidays) {
        requireAdmin(actor);
        if (name == null || name.isBlank()) {
            throw InvalidRequest.field("name", "must not be blank");
        }
        if (zone == null) {
            throw InvalidRequest.field("time_zone", "must be an IANA time zone such as Europe/Berlin");
        }
        if (hours == null) {
            throw InvalidRequest.field("opening_hours", "must list the open hours of at least one day");
        }
        check(zone, hours, holidays == null ? List.of() : holidays);
        Instant now = clock.instant();
        long id = records.insert(name.strip(), zone, hours, holidays == null ? List.of() : holidays, now);
        calendars.changed();
        audit.record(AuditEntry.action("business_calendar", id, "created", actor.userId(), actor.systemJob(), now)
                .withReason(name.strip()));
        return id;
    }

    @Transactional
    void change(Actor actor, long id, String name, ZoneId zone, OpeningHours hours, List<Holiday> holidays) {
        requireAdmin(actor);
        StoredCalendar old = get(id);
        if (name != null && name.isBlank()) {
            throw InvalidRequest.field("name", "must not be blank");
        }
        check(zone == null ? old.zone() : zone, hours == null ? old.hours() : hours, holidays == null ? old.holidays() : holidays);
        Instant now = clock.instant();
        records.update(id, name == null ? null : name.strip(), zone, hours, holidays, now);
        calendars.changed();
        audit.record(AuditEntry.action("business_calendar", id, "changed", actor.userId(), actor.systemJob(), now)
                .withReason(name == null ? old.name() : name.strip()));
    }

    @Transactional
    void delete(Actor actor, long id) {
        requireAdmin(actor);
        StoredCalendar old = get(id);
        if (records.usedByPolicies(id)) {
            throw Problems.conflict("Business calendar '" + old.name() + "' is used by an SLA policy; give that policy "
                    + "another calendar first.");
        }
        if (records.usedByClocks(id)) {
            throw Problems.conflict("Business calendar '" + old.name() + "' still times tickets' SLA clocks.");
        }
        records.delete(id);
        calendars.changed();
        audit.record(AuditEntry.action("business_calendar", id, "deleted", actor.userId(), actor.systemJob(), clock.instant())
                .withReason(old.name()));
    }

    /** Adds the holidays of an iCalendar file; ones the calendar already has are skipped. */
    @Transactional
    Imported importHolidays(Actor actor, long id, byte[] ics) {
        requireAdmin(actor);
        StoredCalendar calendar = get(id);
        List<Holiday> found = imports.read(ics, calendar.zone(), clock.instant().atZone(ZoneOffset.UTC).getYear());
        if (calendar.holidays().size() + found.size() > MAX_HOLIDAYS) {
            throw InvalidRequest.field("holidays", "a calendar holds at most " + MAX_HOLIDAYS + " holidays");
        }
        int added = records.addHolidays(id, found);
        Instant now = clock.instant();
        records.touch(id, now);
        calendars.changed();
        audit.record(AuditEntry.action("business_calendar", id, "holidays_imported", actor.userId(), actor.systemJob(), now)
                .withReason(added + " of " + found.size() + " holidays new"));
        return new Imported(found.size(), added);
    }

    /** Refuses a calendar that could never be open: the arithmetic needs open time to move forward. */
    private static void check(ZoneId zone, OpeningHours hours, List<Holiday> holidays) {
        if (holidays.size() > MAX_HOLIDAYS) {
            throw InvalidRequest.field("holidays", "at most " + MAX_HOLIDAYS + " holidays");
        }
        try {
            new BusinessCalendar(zone, hours, holidays);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.field("opening_hours", e.getMessage());
        }
        if (holidays.stream().filter(Holiday::yearly).map(h -> java.time.MonthDay.from(h.date())).distinct().count() >= 365) {
            throw InvalidRequest.field("holidays", "yearly holidays on every day of the year leave no open time");
        }
    }
}
