package dev.switchboard.sla.internal;

import static dev.switchboard.sla.internal.Policies.requireStaff;

import dev.switchboard.identity.Actor;
import dev.switchboard.sla.Holiday;
import dev.switchboard.sla.OpeningHours;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Business calendars: admins manage them, the team reads them. Opening hours are keyed by day name
 * ({@code monday} … {@code sunday}) with local {@code HH:MM} times; {@code to} not after {@code from} runs past
 * midnight, and {@code 24:00} ends at midnight.
 */
@RestController
@RequestMapping("/api/v1/business-calendars")
class CalendarApi {

    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");

    record IntervalBody(String from, String to) {
    }

    record HolidayBody(String date, Boolean yearly, @Size(max = 200) String name) {
    }

    record CalendarBody(@Size(max = 200) String name, String timeZone,
                        @Size(max = 7) Map<String, @Size(max = 12) List<IntervalBody>> openingHours,
                        @Size(max = CalendarService.MAX_HOLIDAYS) List<@Valid HolidayBody> holidays) {
    }

    record IntervalView(String from, String to) {
    }

    record HolidayView(LocalDate date, boolean yearly, String name) {
    }

    record CalendarView(long id, String name, String timeZone, Map<String, List<IntervalView>> openingHours,
                        List<HolidayView> holidays, double weeklyOpenHours, Instant createdAt, Instant updatedAt) {

        static CalendarView of(StoredCalendar c) {
            Map<String, List<IntervalView>> hours = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                hours.put(dayName(day), c.hours().on(day).stream()
                        .map(i -> new IntervalView(i.from().toString(), text(i.to()))).toList());
            }
            return new CalendarView(c.id(), c.name(), c.zone().getId(), hours,
                    c.holidays().stream().map(h -> new HolidayView(h.date(), h.yearly(), h.name())).toList(),
                    c.hours().weekly().toMinutes() / 60.0, c.createdAt(), c.updatedAt());
        }
    }

    record ImportView(int found, int added, CalendarView calendar) {
    }

    private final CalendarService calendars;

    CalendarApi(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GetMapping
    Page<CalendarView> list(Actor actor) {
        requireStaff(actor);
        return new Page<>(calendars.all().stream().map(CalendarView::of).toList(), null);
    }

    @GetMapping("/{id}")
    CalendarView get(Actor actor, @PathVariable long id) {
        requireStaff(actor);
        return CalendarView.of(calendars.get(id));
    }

    @PostMapping
    ResponseEntity<CalendarView> create(Actor actor, @Valid @RequestBody CalendarBody body) {
        Policies.requireAdmin(actor);
        long id = calendars.create(actor, body.name(), zone(body.timeZone()), hours(body.openingHours()),
                holidays(body.holidays()));
        return ResponseEntity.created(URI.create("/api/v1/business-calendars/" + id)).body(CalendarView.of(calendars.get(id)));
    }

    @PatchMapping("/{id}")
    CalendarView change(Actor actor, @PathVariable long id, @Valid @RequestBody CalendarBody body) {
        Policies.requireAdmin(actor);
        calendars.change(actor, id, body.name(), zone(body.timeZone()), hours(body.openingHours()), holidays(body.holidays()));
        return CalendarView.of(calendars.get(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable long id) {
        calendars.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    /** An iCalendar file (text/calendar) of holidays: each day its events cover becomes a holiday. */
    @PostMapping(path = "/{id}/holidays/import", consumes = {"text/calendar", "text/plain", "application/octet-stream"})
    ImportView importHolidays(Actor actor, @PathVariable long id, @RequestBody byte[] ics) {
        CalendarService.Imported imported = calendars.importHolidays(actor, id, ics);
        return new ImportView(imported.found(), imported.added(), CalendarView.of(calendars.get(id)));
    }

    // ---- reading input; the admin pages use these too

    static ZoneId zone(String value) {
        if (value == null) {
            return null;
        }
        try {
            if (!ZoneId.getAvailableZoneIds().contains(value) && !value.equals("UTC")) {
                throw new DateTimeException(value);
            }
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw InvalidRequest.field("time_zone", "'" + value + "' is not an IANA time zone such as Europe/Berlin or UTC");
        }
    }

    static OpeningHours hours(Map<String, List<IntervalBody>> days) {
        if (days == null) {
            return null;
        }
        Map<DayOfWeek, List<OpeningHours.Interval>> hours = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, List<IntervalBody>> day : days.entrySet()) {
            DayOfWeek dayOfWeek = day(day.getKey());
            List<OpeningHours.Interval> intervals = new ArrayList<>();
            List<IntervalBody> given = day.getValue() == null ? List.of() : day.getValue();
            for (int i = 0; i < given.size(); i++) {
                String field = "opening_hours." + day.getKey() + "[" + i + "]";
                IntervalBody interval = given.get(i);
                if (interval == null) {
                    throw InvalidRequest.field(field, "must be {\"from\": \"09:00\", \"to\": \"17:00\"}");
                }
                intervals.add(new OpeningHours.Interval(time(field + ".from", interval.from()), time(field + ".to", interval.to())));
            }
            hours.put(dayOfWeek, intervals);
        }
        return new OpeningHours(hours);
    }

    static List<Holiday> holidays(List<HolidayBody> given) {
        if (given == null) {
            return null;
        }
        List<Holiday> holidays = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            HolidayBody h = given.get(i);
            String field = "holidays[" + i + "].date";
            if (h == null || h.date() == null) {
                throw InvalidRequest.field(field, "must be a date like 2026-12-25");
            }
            try {
                holidays.add(new Holiday(LocalDate.parse(h.date()), Boolean.TRUE.equals(h.yearly()), h.name()));
            } catch (DateTimeParseException e) {
                throw InvalidRequest.field(field, "'" + h.date() + "' is not a date like 2026-12-25");
            }
        }
        return holidays;
    }

    static DayOfWeek day(String name) {
        try {
            return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.field("opening_hours", "'" + name + "' is not a day: use monday … sunday");
        }
    }

    static LocalTime time(String field, String value) {
        if (value == null || !TIME.matcher(value).matches()) {
            throw InvalidRequest.field(field, "must be a local time like 09:00 (24:00 for midnight at the end of a day)");
        }
        return value.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(value);
    }

    static String dayName(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    /** Midnight as an end reads 24:00. */
    static String text(LocalTime end) {
        return end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString();
    }
}
