package dev.switchboard.sla.internal;

import dev.switchboard.sla.Holiday;
import dev.switchboard.web.InvalidRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import org.springframework.stereotype.Component;

/**
 * Reads holidays from an iCalendar file (public-holiday feeds, a company calendar export) with ical4j.
 * Every day an event covers is a holiday, in the business calendar's time zone. An event repeating every
 * year on its date becomes a yearly holiday; other repeating events (Easter-based feeds list each year
 * anyway) are expanded into single dates from last year to five years ahead.
 */
@Component
class HolidayImport {

    static final int MAX_DAYS_PER_EVENT = 31;
    static final int YEARS_AHEAD = 5;

    List<Holiday> read(byte[] ics, ZoneId zone, int thisYear) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new ByteArrayInputStream(ics));
        } catch (ParserException e) {
            throw InvalidRequest.field("body", "not an iCalendar file: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw InvalidRequest.field("body", "not a readable iCalendar file: " + e.getMessage());
        }
        Set<Holiday> holidays = new LinkedHashSet<>();
        for (CalendarComponent component : calendar.getComponents()) {
            if (component instanceof VEvent event && !cancelled(event)) {
                holidays.addAll(holidaysOf(event, zone, thisYear));
            }
        }
        return List.copyOf(holidays);
    }

    private static List<Holiday> holidaysOf(VEvent event, ZoneId zone, int thisYear) {
        Temporal start = event.getStartDate().map(d -> (Temporal) d.getDate())
                .orElseThrow(() -> InvalidRequest.field("body", "an event has no DTSTART"));
        Optional<DtEnd<Temporal>> end = event.getEndDate(true);
        String name = event.getSummary() == null ? null : truncate(event.getSummary().getValue());
        List<LocalDate> days = days(start, end.map(DtEnd::getDate).orElse(null), zone);
        Optional<RRule<Temporal>> rule = event.getProperty(Property.RRULE);
        if (rule.isEmpty()) {
            return days.stream().map(d -> new Holiday(d, false, name)).toList();
        }
        Recur<Temporal> recur = rule.get().getRecur();
        if (everyYearOnItsDate(recur, localDate(start, zone))) {
            return days.stream().map(d -> new Holiday(d, true, name)).toList();
        }
        List<Holiday> holidays = new ArrayList<>();
        Temporal from = start instanceof LocalDate ? LocalDate.of(thisYear - 1, 1, 1)
                : LocalDate.of(thisYear - 1, 1, 1).atStartOfDay(zone);
        Temporal until = start instanceof LocalDate ? LocalDate.of(thisYear + YEARS_AHEAD + 1, 1, 1)
                : LocalDate.of(thisYear + YEARS_AHEAD + 1, 1, 1).atStartOfDay(zone);
        for (Temporal occurrence : recur.getDates(start, from, until)) {
            int length = days.size();
            LocalDate first = localDate(occurrence, zone);
            for (int i = 0; i < length; i++) {
                holidays.add(new Holiday(first.plusDays(i), false, name));
            }
        }
        return holidays;
    }

    /** FREQ=YEARLY with nothing that moves the date: the same month and day every year, for ever. */
    private static boolean everyYearOnItsDate(Recur<Temporal> recur, LocalDate start) {
        return recur.getFrequency() == Frequency.YEARLY && recur.getInterval() <= 1 && recur.getCount() < 1
                && recur.getUntil() == null && recur.getDayList().isEmpty() && recur.getYearDayList().isEmpty()
                && recur.getWeekNoList().isEmpty() && recur.getSetPosList().isEmpty()
                && recur.getMonthList().stream().allMatch(m -> m.getMonthOfYear() == start.getMonthValue())
                && recur.getMonthDayList().stream().allMatch(d -> d == start.getDayOfMonth());
    }

    /** The local days an event covers: DTEND is exclusive; a timed event counts each day it touches. */
    private static List<LocalDate> days(Temporal start, Temporal end, ZoneId zone) {
        LocalDate first = localDate(start, zone);
        LocalDate last = first;
        if (end != null) {
            if (end instanceof LocalDate endDate) {
                last = endDate.minusDays(1);
            } else {
                last = localDate(minusOneNano(end), zone);
            }
        }
        if (last.isBefore(first)) {
            last = first;
        }
        if (last.toEpochDay() - first.toEpochDay() >= MAX_DAYS_PER_EVENT) {
            throw InvalidRequest.field("body", "an event from " + first + " to " + last + " is longer than "
                    + MAX_DAYS_PER_EVENT + " days; holidays are single days or short breaks");
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    private static Temporal minusOneNano(Temporal t) {
        return t.minus(1, java.time.temporal.ChronoUnit.NANOS);
    }

    static LocalDate localDate(Temporal t, ZoneId zone) {
        if (t instanceof LocalDate d) {
            return d;
        }
        if (t instanceof LocalDateTime floating) {
            return floating.toLocalDate();
        }
        if (t instanceof ZonedDateTime zoned) {
            return zoned.withZoneSameInstant(zone).toLocalDate();
        }
        if (t instanceof OffsetDateTime offset) {
            return offset.atZoneSameInstant(zone).toLocalDate();
        }
        if (t instanceof Instant instant) {
            return instant.atZone(zone).toLocalDate();
        }
        throw InvalidRequest.field("body", "an event's date " + t + " is neither a date nor a date-time");
    }

    private static boolean cancelled(VEvent event) {
        Optional<Status> status = event.getProperty(Property.STATUS);
        return status.map(s -> "CANCELLED".equalsIgnoreCase(s.getValue())).orElse(false);
    }

    private static String truncate(String name) {
        return name == null ? null : name.length() > 200 ? name.substring(0, 200) : name;
    }
}
