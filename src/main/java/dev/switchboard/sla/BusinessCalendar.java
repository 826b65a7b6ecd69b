package dev.switchboard.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Business-time arithmetic for one calendar: weekly opening hours in an IANA time zone, minus holidays.
 * Business time is real elapsed time while open, so a shift over a daylight-saving change is as long as the
 * clocks say it is (an hour shorter in spring, longer in autumn).
 *
 * <p>Each year is turned once into a sorted array of open intervals as UTC instants, with a running total
 * of open time before each; {@link #add} and {@link #between} then binary-search those arrays and skip
 * whole years by their totals, never walking minute by minute. Local times that do not exist (the spring
 * gap) mean the moment the clocks jump; local times that occur twice (the autumn overlap) mean their
 * first occurrence. Immutable and safe to share; the per-year tables are built on first use.
 */
public final class BusinessCalendar {

    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2399;
    private static final long NANOS = 1_000_000_000L;
    private static final Duration LONGEST = Duration.ofDays(366L * 100);
    /** Years in a row without any open time before a calendar is taken to be closed for good. */
    private static final int CLOSED_YEARS = 30;

    private final ZoneId zone;
    private final OpeningHours hours;
    private final List<Holiday> holidays;
    private final Set<LocalDate> dates = new HashSet<>();
    private final Set<MonthDay> yearly = new HashSet<>();
    private final AtomicReferenceArray<OpenYear> years = new AtomicReferenceArray<>(LAST_YEAR - FIRST_YEAR + 1);
    /** The table used last: most calls stay in one year. A racy cache of an immutable object, so harmless. */
    private OpenYear recent;

    /** @throws IllegalArgumentException when the week has no open time at all */
    public BusinessCalendar(ZoneId zone, OpeningHours hours, Collection<Holiday> holidays) {
        if (zone == null || hours == null) {
            throw new IllegalArgumentException("a business calendar needs a time zone and opening hours");
        }
        if (hours.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs open hours on at least one day");
        }
        this.zone = zone;
        this.hours = hours;
        this.holidays = List.copyOf(holidays == null ? List.of() : holidays);
        for (Holiday holiday : this.holidays) {
            if (holiday.yearly()) {
                yearly.add(MonthDay.from(holiday.date()));
            } else {
                dates.add(holiday.date());
            }
        }
    }

    /** Open around the clock: business time is plain elapsed time. */
    public static BusinessCalendar alwaysOpen(ZoneId zone) {
        return new BusinessCalendar(zone, OpeningHours.always(), List.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public OpeningHours hours() {
        return hours;
    }

    public List<Holiday> holidays() {
        return holidays;
    }

    /**
     * The instant at which {@code businessTime} of open time has passed since {@code start}. A target that
     * ends exactly when the office closes is due at closing time, not when it opens again.
     */
    public Instant add(Instant start, Duration businessTime) {
        if (businessTime.isNegative() || businessTime.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("business time to add must be between zero and 100 years: " + businessTime);
        }
        if (businessTime.isZero()) {
            return start;
        }
        long need = businessTime.toNanos();
        OpenYear year = yearContaining(start.getEpochSecond());
        int from = year.firstEndingAfter(start.getEpochSecond());
        long position = year.position(from, start.getEpochSecond(), start.getNano());
        int closedYears = 0;
        while (true) {
            long target = position + need;
            if (target <= year.total()) {
                return year.instantAt(target, from);
            }
            need = target - year.total();
            closedYears = year.total() == 0 ? closedYears + 1 : 0;
            if (closedYears >= CLOSED_YEARS) {
                throw new IllegalStateException("the calendar has no open time in " + CLOSED_YEARS + " years after " + start);
            }
            year = year(year.year + 1);
            position = 0;
            from = 0;
        }
    }

    /** Open time from {@code from} to {@code to}; negative when {@code to} comes first. */
    public Duration between(Instant from, Instant to) {
        int order = from.compareTo(to);
        if (order == 0) {
            return Duration.ZERO;
        }
        if (order > 0) {
            return between(to, from).negated();
        }
        OpenYear first = yearContaining(from.getEpochSecond());
        long start = first.position(from.getEpochSecond(), from.getNano());
        OpenYear last = first.contains(to.getEpochSecond()) ? first : yearContaining(to.getEpochSecond());
        long end = last.position(to.getEpochSecond(), to.getNano());
        if (first.year == last.year) {
            return Duration.ofNanos(end - start);
        }
        long open = first.total() - start;
        for (int y = first.year + 1; y < last.year; y++) {
            open = Math.addExact(open, year(y).total());
        }
        return Duration.ofNanos(Math.addExact(open, end));
    }

    /** Whether the office is open at this instant (an interval's end is already closed). */
    public boolean isOpen(Instant instant) {
        return yearContaining(instant.getEpochSecond()).isOpen(instant.getEpochSecond());
    }

    private boolean isHoliday(LocalDate day) {
        return dates.contains(day) || (!yearly.isEmpty() && yearly.contains(MonthDay.from(day)));
    }

    private OpenYear yearContaining(long epochSecond) {
        OpenYear year = recent;
        if (year != null && year.contains(epochSecond)) {
            return year;
        }
        // an average Gregorian year is 31,556,952 s: the guess is off by at most one, and the tables' own bounds correct it
        year = year((int) (1970 + Math.floorDiv(epochSecond, 31_556_952L)));
        while (epochSecond < year.from) {
            year = year(year.year - 1);
        }
        while (epochSecond >= year.to) {
            year = year(year.year + 1);
        }
        recent = year;
        return year;
    }

    private OpenYear year(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("business time is computed for the years " + FIRST_YEAR + " to "
                    + LAST_YEAR + ", not " + year);
        }
        int index = year - FIRST_YEAR;
        OpenYear table = years.get(index);
        if (table == null) {
            years.compareAndSet(index, null, build(year));
            table = years.get(index);
        }
        return table;
    }

    /** One year's open intervals, from the local days of that year, as instants. */
    private OpenYear build(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate next = first.plusYears(1);
        List<long[]> open = new ArrayList<>(400);
        for (LocalDate day = first; day.isBefore(next); day = day.plusDays(1)) {
            if (isHoliday(day)) {
                continue; // the whole local day is closed, including what spills over from the evening before
            }
            LocalDate tomorrow = day.plusDays(1);
            for (OpeningHours.Interval interval : hours.on(day.getDayOfWeek())) {
                LocalDateTime end = interval.overMidnight() ? tomorrow.atStartOfDay() : day.atTime(interval.to());
                add(open, day.atTime(interval.from()), end);
            }
            DayOfWeek yesterday = day.minusDays(1).getDayOfWeek();
            for (OpeningHours.Interval interval : hours.on(yesterday)) {
                if (interval.overMidnight()) {
                    add(open, day.atStartOfDay(), day.atTime(interval.to()));
                }
            }
        }
        long from = epochSecond(first.atStartOfDay());
        long to = epochSecond(next.atStartOfDay());
        open.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] starts = new long[open.size()];
        long[] ends = new long[open.size()];
        int n = 0;
        for (long[] interval : open) {
            interval[0] = Math.max(interval[0], from); // a year's intervals stay inside its local year
            interval[1] = Math.min(interval[1], to);
            if (interval[1] <= interval[0]) {
                continue;
            }
            if (n > 0 && interval[0] <= ends[n - 1]) { // overlapping or touching: one interval
                ends[n - 1] = Math.max(ends[n - 1], interval[1]);
            } else {
                starts[n] = interval[0];
                ends[n] = interval[1];
                n++;
            }
        }
        long[] before = new long[n + 1];
        for (int i = 0; i < n; i++) {
            before[i + 1] = before[i] + (ends[i] - starts[i]) * NANOS;
        }
        return new OpenYear(year, from, to, Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), before);
    }

    private void add(List<long[]> open, LocalDateTime from, LocalDateTime to) {
        long start = epochSecond(from);
        long end = epochSecond(to);
        if (end > start) { // an interval inside the spring gap has no length
            open.add(new long[] {start, end});
        }
    }

    /**
     * A local time that is skipped (the spring gap) means the moment the clocks jump; one that occurs twice
     * (the autumn overlap) means its first occurrence. With whole-hour opening times that is exactly what
     * the wall clock says: an office closing at 02:00 closes when the clock first shows 02:00.
     */
    private long epochSecond(LocalDateTime local) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.toEpochSecond();
        }
        return local.atZone(zone).toEpochSecond();
    }

    /**
     * The open intervals of one local year [from, to), in epoch seconds; before[i]: the open time in
     * nanoseconds before interval i (before[n] is the year's total); dayStart[k]: the first interval that
     * ends after the start of the k-th UTC day of the year, so finding an instant's place is one array
     * read and a step or two, not a search.
     */
    private static final class OpenYear {
        private static final long DAY = 86_400L;

        final int year;
        final long from;
        final long to;
        final long[] starts;
        final long[] ends;
        final long[] before;
        final long firstDay;
        final int[] dayStart;

        OpenYear(int year, long from, long to, long[] starts, long[] ends, long[] before) {
            this.year = year;
            this.from = from;
            this.to = to;
            this.starts = starts;
            this.ends = ends;
            this.before = before;
            this.firstDay = Math.floorDiv(from, DAY);
            this.dayStart = new int[(int) (Math.floorDiv(to - 1, DAY) - firstDay + 1)];
            int j = 0;
            for (int k = 0; k < dayStart.length; k++) {
                long dayBegins = (firstDay + k) * DAY;
                while (j < ends.length && ends[j] <= dayBegins) {
                    j++;
                }
                dayStart[k] = j;
            }
        }

        boolean contains(long epochSecond) {
            return epochSecond >= from && epochSecond < to;
        }

        long total() {
            return before[starts.length];
        }

        /** The first interval that ends after this second (of this year); starts.length when none does. */
        int firstEndingAfter(long epochSecond) {
            int i = dayStart[(int) (Math.floorDiv(epochSecond, DAY) - firstDay)];
            while (i < ends.length && ends[i] <= epochSecond) {
                i++;
            }
            return i;
        }

        /** Open time in this year before the instant, in nanoseconds. */
        long position(long epochSecond, int nano) {
            return position(firstEndingAfter(epochSecond), epochSecond, nano);
        }

        long position(int i, long epochSecond, int nano) {
            if (i == starts.length) {
                return total();
            }
            if (starts[i] <= epochSecond) {
                return before[i] + (epochSecond - starts[i]) * NANOS + nano;
            }
            return before[i];
        }

        boolean isOpen(long epochSecond) {
            int i = firstEndingAfter(epochSecond);
            return i < starts.length && starts[i] <= epochSecond;
        }

        /**
         * The instant at which the year's open time reaches {@code position} (0 < position <= total), looking
         * from interval {@code hint} on (the answer is never before it): gallop ahead, then bisect, since
         * a target is usually a few intervals away.
         */
        Instant instantAt(long position, int hint) {
            int n = starts.length;
            int lo = Math.min(hint, n - 1);
            int hi = lo;
            int step = 1;
            while (hi < n - 1 && before[hi + 1] < position) {
                lo = hi + 1;
                hi = Math.min(n - 1, hi + step);
                step <<= 1;
            }
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (before[mid + 1] >= position) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return Instant.ofEpochSecond(starts[lo], position - before[lo]);
        }
    }
}
