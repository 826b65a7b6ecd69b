package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Business-time arithmetic against random calendars: random weekly hours (several intervals a day, days
 * off, intervals over midnight), random holidays, and zones with daylight-saving changes in both
 * directions. The oracle is the wall clock itself: a minute is open when its local time, in the
 * calendar's zone, falls in that day's hours (or the previous evening's hours running past midnight) and
 * its date is no holiday. It knows nothing of the per-year tables the calendar builds.
 *
 * <p>Opening times are quarter hours, but whole hours between 01:00 and 03:00, where Berlin, New York and
 * Lord Howe change their clocks: a time inside a repeated or skipped stretch has no single wall-clock
 * meaning to check against.
 */
class BusinessCalendarProperties {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final long MINUTES = Duration.ofDays(545).toMinutes();

    record Case(ZoneId zone, OpeningHours hours, List<Holiday> holidays) {
        BusinessCalendar calendar() {
            return new BusinessCalendar(zone, hours, holidays);
        }
    }

    @Property(tries = 500)
    void addingThenMeasuringGivesTheDurationBack(@ForAll("cases") Case c, @ForAll("instants") Instant start,
                                                 @ForAll("nanos") int nanos, @ForAll("durations") Duration time) {
        BusinessCalendar calendar = c.calendar();
        Instant from = start.plusNanos(nanos);
        Instant due = calendar.add(from, time);
        assertThat(calendar.between(from, due)).isEqualTo(time);
        assertThat(calendar.between(due, from)).isEqualTo(time.negated());
        assertThat(due).isAfterOrEqualTo(from);
    }

    /** Targets far longer than a year of the calendar's open time: whole years are skipped by their totals. */
    @Property(tries = 200)
    void longSpansAcrossManyYearsMeasureBack(@ForAll("cases") Case c, @ForAll("instants") Instant start,
                                             @ForAll("longDurations") Duration time) {
        BusinessCalendar calendar = c.calendar();
        Instant due = calendar.add(start, time);
        assertThat(calendar.between(start, due)).isEqualTo(time);
        assertThat(openByWallClock(c, due.minusSeconds(60))).isTrue();
    }

    @Property(tries = 300)
    void resultsFallInOpeningHours(@ForAll("cases") Case c, @ForAll("instants") Instant start,
                                   @ForAll("durations") Duration time) {
        Duration minutes = Duration.ofMinutes(Math.max(1, time.toMinutes()));
        Instant due = c.calendar().add(start, minutes);
        // the minute that ends at the due time was worked: open, on no holiday and no day off
        assertThat(openByWallClock(c, due.minusSeconds(60))).as("minute before %s in %s", due, c.zone()).isTrue();
    }

    @Property(tries = 80)
    void measuringCountsTheOpenMinutesOnTheWallClock(@ForAll("cases") Case c, @ForAll("instants") Instant start,
                                                     @ForAll("spans") int spanMinutes) {
        Instant end = start.plusSeconds(spanMinutes * 60L);
        long open = 0;
        for (Instant m = start; m.isBefore(end); m = m.plusSeconds(60)) {
            if (openByWallClock(c, m)) {
                open++;
            }
        }
        assertThat(c.calendar().between(start, end)).isEqualTo(Duration.ofMinutes(open));
    }

    @Property(tries = 300)
    void holidaysAndDaysOffAreSkipped(@ForAll("cases") Case c, @ForAll("instants") Instant start,
                                      @ForAll("durations") Duration time) {
        Instant due = c.calendar().add(start, Duration.ofMinutes(Math.max(1, time.toMinutes())));
        ZonedDateTime worked = due.minusSeconds(60).atZone(c.zone());
        LocalDate day = worked.toLocalDate();
        assertThat(c.holidays()).noneMatch(h -> h.fallsOn(day));
        boolean ownHours = c.hours().on(day.getDayOfWeek()).stream().anyMatch(i -> covers(i, worked.toLocalTime(), false));
        boolean lastNight = c.hours().on(day.minusDays(1).getDayOfWeek()).stream()
                .anyMatch(i -> covers(i, worked.toLocalTime(), true));
        assertThat(ownHours || lastNight).as("%s is a working time of %s", worked, day.getDayOfWeek()).isTrue();
    }

    @Property(tries = 300)
    void addingInStepsIsAddingAtOnce(@ForAll("cases") Case c, @ForAll("instants") Instant start,
                                     @ForAll("durations") Duration first, @ForAll("durations") Duration second) {
        BusinessCalendar calendar = c.calendar();
        assertThat(calendar.add(calendar.add(start, first), second)).isEqualTo(calendar.add(start, first.plus(second)));
        Duration shorter = first.compareTo(second) <= 0 ? first : second;
        Duration longer = first.compareTo(second) <= 0 ? second : first;
        assertThat(calendar.add(start, shorter)).isBeforeOrEqualTo(calendar.add(start, longer));
    }

    @Property(tries = 300)
    void measuringThenAddingLandsOnTheLastOpenMomentUpToTheEnd(@ForAll("cases") Case c, @ForAll("instants") Instant a,
                                                             @ForAll("spans") int spanMinutes) {
        BusinessCalendar calendar = c.calendar();
        Instant b = a.plusSeconds(spanMinutes * 60L);
        Instant back = calendar.add(a, calendar.between(a, b));
        assertThat(back).isBeforeOrEqualTo(b);
        assertThat(calendar.between(back, b)).isZero();
        if (openByWallClock(c, b.minusSeconds(60)) && b.isAfter(a)) {
            assertThat(back).isEqualTo(b);
        }
    }

    @Property(tries = 100)
    void dstChangesInBothDirectionsAreRealTime(@ForAll("dstZones") ZoneId zone, @ForAll("dstDays") int which,
                                               @ForAll("hourBoundaries") LocalTime from,
                                               @ForAll("hourBoundaries") LocalTime to) {
        // one interval every day, over the nights the clocks change: open time is what the clocks measure
        Map<DayOfWeek, List<OpeningHours.Interval>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, List.of(new OpeningHours.Interval(from, to)));
        }
        Case c = new Case(zone, new OpeningHours(days), List.of());
        LocalDate change = zone.getRules().nextTransition(FROM.plus(Duration.ofDays(60L * which)))
                .getDateTimeBefore().toLocalDate();
        Instant start = change.minusDays(1).atStartOfDay(zone).toInstant();
        Instant end = change.plusDays(2).atStartOfDay(zone).toInstant();
        long open = 0;
        for (Instant m = start; m.isBefore(end); m = m.plusSeconds(60)) {
            if (openByWallClock(c, m)) {
                open++;
            }
        }
        BusinessCalendar calendar = c.calendar();
        assertThat(calendar.between(start, end)).isEqualTo(Duration.ofMinutes(open));
        assertThat(calendar.between(start, calendar.add(start, Duration.ofMinutes(open)))).isEqualTo(Duration.ofMinutes(open));
    }

    /**
     * In the spring gap the wall clock is unambiguous even for times inside it: an office closing at 02:30
     * on the night 02:00 jumps to 03:00 closes at the jump. So here any quarter hour may be a boundary.
     */
    @Property(tries = 80)
    void springGapsCloseAndOpenWhenTheClocksJump(@ForAll("dstZones") ZoneId zone, @ForAll("springs") int year,
                                                  @ForAll("quarterHours") LocalTime from,
                                                  @ForAll("quarterHours") LocalTime to,
                                                  @ForAll("quarterHours") LocalTime otherFrom,
                                                  @ForAll("quarterHours") LocalTime otherTo) {
        Map<DayOfWeek, List<OpeningHours.Interval>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, List.of(new OpeningHours.Interval(from, to), new OpeningHours.Interval(otherFrom, otherTo)));
        }
        Case c = new Case(zone, new OpeningHours(days), List.of());
        // the first change of the year is the spring one in both zones
        LocalDate spring = zone.getRules().nextTransition(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant())
                .getDateTimeBefore().toLocalDate();
        Instant start = spring.minusDays(1).atStartOfDay(zone).toInstant();
        Instant end = spring.plusDays(2).atStartOfDay(zone).toInstant();
        long open = 0;
        for (Instant m = start; m.isBefore(end); m = m.plusSeconds(60)) {
            if (openByWallClock(c, m)) {
                open++;
            }
        }
        assertThat(c.calendar().between(start, end)).isEqualTo(Duration.ofMinutes(open));
    }

    @Property(tries = 50)
    void aCalendarWithNoOpenHoursIsRefused(@ForAll("zones") ZoneId zone, @ForAll("holidayLists") List<Holiday> holidays) {
        assertThatThrownBy(() -> new BusinessCalendar(zone, new OpeningHours(Map.of()), holidays))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open hours");
        Map<DayOfWeek, List<OpeningHours.Interval>> empty = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            empty.put(d, List.of());
        }
        assertThatThrownBy(() -> new BusinessCalendar(zone, new OpeningHours(empty), holidays))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the oracle

    static boolean openByWallClock(Case c, Instant minute) {
        ZonedDateTime local = minute.atZone(c.zone());
        LocalDate day = local.toLocalDate();
        if (c.holidays().stream().anyMatch(h -> h.fallsOn(day))) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return c.hours().on(day.getDayOfWeek()).stream().anyMatch(i -> covers(i, time, false))
                || c.hours().on(day.minusDays(1).getDayOfWeek()).stream().anyMatch(i -> covers(i, time, true));
    }

    /** Whether an interval covers a local time: on its own day, or in the small hours after its day. */
    static boolean covers(OpeningHours.Interval i, LocalTime time, boolean dayAfter) {
        if (dayAfter) {
            return i.overMidnight() && time.isBefore(i.to());
        }
        return !time.isBefore(i.from()) && (i.overMidnight() || time.isBefore(i.to()));
    }

    // ---- generators

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(zones(), weeks(), holidayLists()).as(Case::new);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe")
                .map(ZoneId::of);
    }

    @Provide
    Arbitrary<ZoneId> dstZones() {
        return Arbitraries.of("Europe/Berlin", "America/New_York").map(ZoneId::of);
    }

    /** Which of the next clock changes after the start: spring and autumn ones alternate. */
    @Provide
    Arbitrary<Integer> dstDays() {
        return Arbitraries.integers().between(0, 5);
    }

    @Provide
    Arbitrary<Integer> springs() {
        return Arbitraries.integers().between(2020, 2035);
    }

    @Provide
    Arbitrary<LocalTime> quarterHours() {
        return Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> LocalTime.of(q / 4, (q % 4) * 15));
    }

    @Provide
    Arbitrary<LocalTime> hourBoundaries() {
        return Arbitraries.integers().between(0, 23).map(h -> LocalTime.of(h, 0));
    }

    Arbitrary<LocalTime> boundaries() {
        return Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> LocalTime.of(q / 4, (q % 4) * 15))
                .filter(t -> t.getHour() < 1 || t.getHour() > 2 || t.getMinute() == 0);
    }

    Arbitrary<OpeningHours> weeks() {
        Arbitrary<OpeningHours.Interval> interval = Combinators.combine(boundaries(), boundaries())
                .as(OpeningHours.Interval::new);
        return interval.list().ofMaxSize(3).list().ofSize(7).map(lists -> {
            Map<DayOfWeek, List<OpeningHours.Interval>> days = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) {
                days.put(d, lists.get(d.ordinal()));
            }
            return new OpeningHours(days);
        }).filter(h -> !h.isEmpty());
    }

    @Provide
    Arbitrary<List<Holiday>> holidayLists() {
        Arbitrary<Holiday> holiday = Combinators.combine(
                Arbitraries.integers().between(0, 729).map(d -> LocalDate.of(2026, 1, 1).plusDays(d)),
                Arbitraries.of(true, false)).as((date, yearly) -> new Holiday(date, yearly, "day off"));
        return holiday.list().ofMaxSize(15);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, MINUTES).map(m -> FROM.plusSeconds(m * 60));
    }

    @Provide
    Arbitrary<Integer> nanos() {
        return Arbitraries.integers().between(0, 999_999_999);
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 600).map(Duration::ofMinutes),
                Arbitraries.longs().between(0, 300L * 3600).map(Duration::ofSeconds));
    }

    @Provide
    Arbitrary<Duration> longDurations() {
        return Arbitraries.longs().between(1, 2_000L * 60).map(Duration::ofMinutes);
    }

    @Provide
    Arbitrary<Integer> spans() {
        return Arbitraries.integers().between(0, 10 * 24 * 60);
    }
}
