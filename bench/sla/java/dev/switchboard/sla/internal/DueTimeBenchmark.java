package dev.switchboard.sla.internal;

import dev.switchboard.sla.BusinessCalendar;
import dev.switchboard.sla.Holiday;
import dev.switchboard.sla.OpeningHours;
import dev.switchboard.ticket.Priority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast due times are computed: {@link BusinessCalendar#add} for the targets of the default policy, from
 * random moments over two years, on three calendars: 24/7; Monday to Friday 09:00–12:00 and 13:00–17:00 in
 * Berlin with a dozen holidays (daylight-saving changes included); a New York night shift 22:00–06:00
 * Sunday to Thursday. Also a whole ticket's clocks at creation ({@code SlaClock.start}: two due times and two
 * warning times) and a remaining-time measurement ({@code between}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DueTimeBenchmark {

    private static final int N = 4096;

    private BusinessCalendar alwaysOpen;
    private BusinessCalendar office;
    private BusinessCalendar nightShift;
    private SlaPolicy policy;
    private final Instant[] starts = new Instant[N];
    private final Instant[] ends = new Instant[N];
    private final Duration[] targets = new Duration[N];
    private final Priority[] priorities = new Priority[N];
    private int i;

    @Setup
    public void setUp() {
        alwaysOpen = BusinessCalendar.alwaysOpen(ZoneId.of("UTC"));
        Map<DayOfWeek, List<OpeningHours.Interval>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            days.put(d, List.of(new OpeningHours.Interval(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                    new OpeningHours.Interval(LocalTime.of(13, 0), LocalTime.of(17, 0))));
        }
        List<Holiday> holidays = new ArrayList<>();
        for (String date : List.of("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
                "2026-10-03", "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31", "2027-03-26", "2027-03-29")) {
            holidays.add(new Holiday(LocalDate.parse(date), false, null));
        }
        holidays.add(new Holiday(LocalDate.parse("2026-12-25"), true, "Christmas"));
        office = new BusinessCalendar(ZoneId.of("Europe/Berlin"), new OpeningHours(days), holidays);
        Map<DayOfWeek, List<OpeningHours.Interval>> nights = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
            nights.put(d, List.of(new OpeningHours.Interval(LocalTime.of(22, 0), LocalTime.of(6, 0))));
        }
        nightShift = new BusinessCalendar(ZoneId.of("America/New_York"), new OpeningHours(nights), List.of());
        policy = new SlaPolicy(1, "Default", 1, true, 1, SlaPolicy.Conditions.ANY, SlaPolicy.DEFAULT_TARGETS, 80,
                SlaPolicy.BreachActions.NONE, null, null);

        SplittableRandom random = new SplittableRandom(42);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Priority[] all = Priority.values();
        for (int k = 0; k < N; k++) {
            starts[k] = from.plusSeconds(random.nextLong(Duration.ofDays(700).toSeconds()));
            ends[k] = starts[k].plusSeconds(random.nextLong(Duration.ofDays(20).toSeconds()));
            priorities[k] = all[random.nextInt(all.length)];
            SlaPolicy.Targets t = SlaPolicy.DEFAULT_TARGETS.get(priorities[k]);
            targets[k] = random.nextBoolean() ? t.firstResponse() : t.resolution();
        }
        // the per-year tables are built on first use; build them before measuring
        for (int k = 0; k < N; k++) {
            office.add(starts[k], targets[k]);
            nightShift.add(starts[k], targets[k]);
            alwaysOpen.add(starts[k], targets[k]);
        }
    }

    private int next() {
        i = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark
    public Instant dueTimeAlwaysOpen() {
        int k = next();
        return alwaysOpen.add(starts[k], targets[k]);
    }

    @Benchmark
    public Instant dueTimeOfficeBerlin() {
        int k = next();
        return office.add(starts[k], targets[k]);
    }

    @Benchmark
    public Instant dueTimeNightShiftNewYork() {
        int k = next();
        return nightShift.add(starts[k], targets[k]);
    }

    @Benchmark
    public Duration remainingOfficeBerlin() {
        int k = next();
        return office.between(starts[k], ends[k]);
    }

    /** A new ticket's clocks: first response and resolution, each with its due and warning instant. */
    @Benchmark
    public SlaClock ticketClocksOfficeBerlin() {
        int k = next();
        return SlaClock.start(k, policy, priorities[k], office, starts[k]);
    }
}
