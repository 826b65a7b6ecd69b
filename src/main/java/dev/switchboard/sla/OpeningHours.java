package dev.switchboard.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When a team works in an ordinary week, by local wall-clock time: any number of intervals a day, days with
 * none are days off. An interval whose end is not after its start runs past midnight into the next day
 * (22:00–02:00), and 00:00–00:00 is the whole day; the part after midnight still belongs to the day it
 * started on, so "Friday 22:00–02:00" opens the early hours of Saturday even though Saturday is a day off.
 */
public record OpeningHours(Map<DayOfWeek, List<Interval>> days) {

    /** One stretch of open time, from {@code from} to {@code to} local time. */
    public record Interval(LocalTime from, LocalTime to) {

        public Interval {
            if (from == null || to == null) {
                throw new IllegalArgumentException("an interval needs a start and an end");
            }
            // seconds would never reach a customer: targets are minutes and hours
            from = from.withSecond(0).withNano(0);
            to = to.withSecond(0).withNano(0);
        }

        public boolean overMidnight() {
            return !to.isAfter(from);
        }

        public Duration length() {
            long seconds = to.toSecondOfDay() - from.toSecondOfDay();
            return Duration.ofSeconds(overMidnight() ? seconds + 86_400 : seconds);
        }

        @Override
        public String toString() {
            return from + "–" + to;
        }
    }

    public OpeningHours {
        Map<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Interval> intervals = new ArrayList<>(days == null ? List.of() : days.getOrDefault(day, List.of()));
            intervals.sort(Comparator.comparing(Interval::from));
            copy.put(day, List.copyOf(intervals));
        }
        days = Collections.unmodifiableMap(copy);
    }

    /** Open around the clock, every day: the default calendar's hours. */
    public static OpeningHours always() {
        Map<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, List.of(new Interval(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return new OpeningHours(days);
    }

    /** The same hours Monday to Friday, weekends off. */
    public static OpeningHours weekdays(LocalTime from, LocalTime to) {
        Map<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                days.put(day, List.of(new Interval(from, to)));
            }
        }
        return new OpeningHours(days);
    }

    public List<Interval> on(DayOfWeek day) {
        return days.get(day);
    }

    /** Open time in a week as written, before daylight-saving changes and holidays. */
    public Duration weekly() {
        return days.values().stream().flatMap(List::stream).map(Interval::length).reduce(Duration.ZERO, Duration::plus);
    }

    public boolean isEmpty() {
        return weekly().isZero();
    }
}
