import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Closed-loop load generator for {@code POST /api/v1/tickets}: N workers, each sending one request, waiting
 * for its answer and sending the next, for a warm-up and then a measured period. Every request names a
 * requester drawn at random from a fixed pool of addresses, so the run sees both first contacts (a new
 * customer is created) and returning requesters. Only 201 counts as success.
 *
 * <p>Latency is the time from just before {@code send} to the whole answer body having been read, per
 * request, stored as nanoseconds in a per-worker array and sorted at the end (exact percentiles, no
 * histogram buckets). As in any closed-loop test, a slow answer delays that worker's next request rather
 * than queueing it, so these are service times under 32 outstanding requests, not open-loop latencies.
 *
 * <pre>java bench/ticket-create/LoadGenerator.java --url http://127.0.0.1:PORT --token TOKEN
 *      [--concurrency 32] [--seconds 30] [--warmup 10] [--requesters 5000]</pre>
 *
 * Refuses any host other than 127.0.0.1, and stops by itself: no request starts after the end of the
 * measured period, each request times out after 10 s, and the whole run is cut off 30 s after its planned end.
 */
public class LoadGenerator {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String[] PRIORITIES = {"low", "normal", "normal", "normal", "high", "critical"};

    /** What one worker saw during the measured period. */
    static final class Tally {
        long[] latencies = new long[1 << 14];
        int count;
        long errors;
        long newRequesters;
        long total; // successes over warm-up and measured period together

        void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        URI base = URI.create(require(opts, "url"));
        if (!"127.0.0.1".equals(base.getHost())) {
            throw new IllegalArgumentException("This benchmark only runs against 127.0.0.1, not " + base.getHost());
        }
        String token = require(opts, "token");
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "32"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "10"));
        int requesters = Integer.parseInt(opts.getOrDefault("requesters", "5000"));
        if (concurrency < 1 || concurrency > 1024 || seconds < 1 || seconds > 600 || warmup < 0 || warmup > 600
                || requesters < 1) {
            throw new IllegalArgumentException("concurrency 1..1024, seconds 1..600, warmup 0..600, requesters >= 1");
        }
        URI target = base.resolve("/api/v1/tickets");

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        AtomicIntegerArray seen = new AtomicIntegerArray(requesters);
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long measureUntil = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        Tally[] tallies = new Tally[concurrency];
        CountDownLatch done = new CountDownLatch(concurrency);

        for (int w = 0; w < concurrency; w++) {
            Tally tally = tallies[w] = new Tally();
            int worker = w;
            Thread thread = new Thread(() -> {
                try {
                    run(client, target, token, worker, requesters, seen, measureFrom, measureUntil, tally, errorSamples);
                } finally {
                    done.countDown();
                }
            }, "load-" + w);
            thread.setDaemon(true);
            thread.start();
        }
        // Note the CPU used by this process at the start of the measured period, to report the generator's share.
        long untilMeasure = measureFrom - System.nanoTime();
        if (untilMeasure > 0) {
            TimeUnit.NANOSECONDS.sleep(untilMeasure);
        }
        long cpuAtMeasure = processCpuNanos();
        if (!done.await(seconds + 30L, TimeUnit.SECONDS)) {
            System.err.println("Workers did not finish 30 s after the planned end; giving up.");
        }
        long cpuAfter = processCpuNanos();
        long measuredCpu = cpuAfter - cpuAtMeasure;

        long[] all = new long[Arrays.stream(tallies).mapToInt(t -> t.count).sum()];
        int at = 0;
        long errors = 0;
        long fresh = 0;
        long total = 0;
        for (Tally t : tallies) {
            System.arraycopy(t.latencies, 0, all, at, t.count);
            at += t.count;
            errors += t.errors;
            fresh += t.newRequesters;
            total += t.total;
        }
        Arrays.sort(all);
        double throughput = all.length / (double) seconds;
        System.out.printf(Locale.ROOT, "requests: %d created in %d s at concurrency %d (after %d s warm-up)%n",
                all.length, seconds, concurrency, warmup);
        System.out.printf(Locale.ROOT, "throughput: %.0f tickets/s%n", throughput);
        System.out.printf(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                ms(percentile(all, 50)), ms(percentile(all, 90)), ms(percentile(all, 99)),
                ms(all.length == 0 ? 0 : all[all.length - 1]));
        System.out.printf(Locale.ROOT, "errors (non-201 or failed): %d%n", errors);
        System.out.printf(Locale.ROOT, "new requesters during the measured period: %d (%.1f%% of created tickets)%n",
                fresh, all.length == 0 ? 0 : 100.0 * fresh / all.length);
        System.out.printf(Locale.ROOT, "load generator CPU during the measured period: %.2f cores%n",
                measuredCpu / (double) TimeUnit.SECONDS.toNanos(seconds));
        for (String sample : errorSamples) {
            System.out.println("error sample: " + sample);
        }
        // One line for scripts.
        System.out.printf(Locale.ROOT,
                "RESULT concurrency=%d seconds=%d created=%d throughput=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
                        + "max_ms=%.2f errors=%d total_created=%d generator_cores=%.2f%n",
                concurrency, seconds, all.length, throughput, ms(percentile(all, 50)), ms(percentile(all, 90)),
                ms(percentile(all, 99)), ms(all.length == 0 ? 0 : all[all.length - 1]), errors, total,
                measuredCpu / (double) TimeUnit.SECONDS.toNanos(seconds));
        System.exit(errors == 0 && all.length > 0 ? 0 : 1);
    }

    private static void run(HttpClient client, URI target, String token, int worker, int requesters,
                            AtomicIntegerArray seen, long measureFrom, long measureUntil, Tally tally,
                            ConcurrentLinkedQueue<String> errorSamples) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long sequence = 0;
        while (true) {
            long began = System.nanoTime();
            if (began >= measureUntil) {
                return;
            }
            int who = random.nextInt(requesters);
            boolean first = seen.getAndIncrement(who) == 0;
            String body = body(worker, sequence++, who, random);
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            int status;
            String failure = null;
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (status != 201) {
                    failure = status + " " + new String(response.body(), StandardCharsets.UTF_8);
                }
            } catch (Exception e) {
                status = -1;
                failure = e.toString();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            long ended = System.nanoTime();
            if (status == 201) {
                tally.total++;
            }
            // A request belongs to the measured period when it started in it; the last ones may end a little after.
            if (began >= measureFrom) {
                if (status == 201) {
                    tally.record(ended - began);
                    if (first) {
                        tally.newRequesters++;
                    }
                } else {
                    tally.errors++;
                }
            }
            if (failure != null && errorSamples.size() < 5) {
                errorSamples.add(failure.length() > 300 ? failure.substring(0, 300) + "…" : failure);
            }
        }
    }

    private static String body(int worker, long sequence, int who, ThreadLocalRandom random) {
        return "{\"subject\":\"Printer on floor " + (who % 7) + " jams (w" + worker + " #" + sequence + ")\","
                + "\"description\":\"Since this morning the printer jams on every second page.\\n\\n"
                + "I tried another tray; same result. Ticket " + worker + "-" + sequence + ".\","
                + "\"requester\":{\"email\":\"requester-" + who + "@bench.example\",\"name\":\"Requester " + who + "\"},"
                + "\"priority\":\"" + PRIORITIES[random.nextInt(PRIORITIES.length)] + "\","
                + "\"tags\":[\"bench\",\"printer\"]}";
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length); // nearest-rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + List.of(args));
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
