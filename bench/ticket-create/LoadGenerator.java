import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 *      [--concurrency 32] [--seconds 30] [--warmup 10] [--requesters 5000] [--client socket|jdk]</pre>
 *
 * {@code --client jdk} sends with java.net.http.HttpClient; the default {@code socket} uses a minimal
 * keep-alive HTTP/1.1 client on plain sockets (see {@link SocketPoster} for why).
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
        long warmupErrors;
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
        String clientKind = opts.getOrDefault("client", "socket");
        if (!clientKind.equals("socket") && !clientKind.equals("jdk")) {
            throw new IllegalArgumentException("--client is socket or jdk");
        }
        HttpClient jdk = clientKind.equals("jdk") ? HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build() : null;

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
                    Poster poster = jdk != null ? new JdkPoster(jdk, target, token) : new SocketPoster(target, token);
                    try {
                        run(poster, worker, requesters, seen, measureFrom, measureUntil, tally, errorSamples);
                    } finally {
                        poster.close();
                    }
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
        System.out.println("measuring for " + seconds + " s");
        System.out.flush();
        if (!done.await(seconds + 30L, TimeUnit.SECONDS)) {
            System.err.println("Workers did not finish 30 s after the planned end; giving up.");
            System.exit(2);
        }
        long cpuAfter = processCpuNanos();
        long measuredCpu = cpuAfter - cpuAtMeasure;

        long[] all = new long[Arrays.stream(tallies).mapToInt(t -> t.count).sum()];
        int at = 0;
        long errors = 0;
        long warmupErrors = 0;
        long fresh = 0;
        long total = 0;
        for (Tally t : tallies) {
            System.arraycopy(t.latencies, 0, all, at, t.count);
            at += t.count;
            errors += t.errors;
            warmupErrors += t.warmupErrors;
            fresh += t.newRequesters;
            total += t.total;
        }
        Arrays.sort(all);
        double throughput = all.length / (double) seconds;
        System.out.printf(Locale.ROOT, "requests: %d created in %d s at concurrency %d (after %d s warm-up), %s client%n",
                all.length, seconds, concurrency, warmup, clientKind);
        System.out.printf(Locale.ROOT, "throughput: %.0f tickets/s%n", throughput);
        System.out.printf(Locale.ROOT, "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                ms(percentile(all, 50)), ms(percentile(all, 90)), ms(percentile(all, 99)),
                ms(all.length == 0 ? 0 : all[all.length - 1]));
        System.out.printf(Locale.ROOT, "errors (non-201 or failed): %d (warm-up: %d)%n", errors, warmupErrors);
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

    private static void run(Poster poster, int worker, int requesters,
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
            byte[] body = body(worker, sequence++, who, random).getBytes(StandardCharsets.UTF_8);
            int status;
            String failure = null;
            try {
                Answer answer = poster.post(body);
                status = answer.status();
                if (status != 201) {
                    failure = status + " " + new String(answer.body(), StandardCharsets.UTF_8);
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
            } else if (status != 201) {
                tally.warmupErrors++;
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

    record Answer(int status, byte[] body) {
    }

    /** One worker's way of sending a request and reading the whole answer. */
    interface Poster extends AutoCloseable {
        Answer post(byte[] json) throws IOException, InterruptedException;

        @Override
        void close();
    }

    /** java.net.http.HttpClient, shared by all workers (it keeps a pool of HTTP/1.1 connections). */
    static final class JdkPoster implements Poster {
        private final HttpClient client;
        private final URI target;
        private final String authorization;

        JdkPoster(HttpClient client, URI target, String token) {
            this.client = client;
            this.target = target;
            this.authorization = "Bearer " + token;
        }

        @Override
        public Answer post(byte[] json) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                    .build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        }

        @Override
        public void close() {
        }
    }

    /**
     * A minimal blocking HTTP/1.1 client: one keep-alive connection per worker, the request written in one
     * go, the answer read by Content-Length or chunked encoding. It costs the generator a small fraction of
     * the CPU that java.net.http.HttpClient does, which matters when the generator shares two cores with
     * the server it measures. Reconnects when the server closes (Tomcat does after 100 requests per connection).
     */
    static final class SocketPoster implements Poster {
        private final String host;
        private final int port;
        private final byte[] head;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        SocketPoster(URI target, String token) {
            this.host = target.getHost();
            this.port = target.getPort();
            this.head = ("POST " + target.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + host + ":" + port + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: application/json\r\n"
                    + "Content-Length: ").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public Answer post(byte[] json) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
                socket.connect(new InetSocketAddress(host, port), 5000);
                in = new BufferedInputStream(socket.getInputStream(), 16384);
                out = new BufferedOutputStream(socket.getOutputStream(), 16384);
            }
            try {
                out.write(head);
                out.write((json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(json);
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        private Answer read() throws IOException {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("bad status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    closing = value.equalsIgnoreCase("close");
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(2048);
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    copy(size, body);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                copy(length, body);
            } else {
                closing = true;
                in.transferTo(body);
            }
            if (closing) {
                close();
            }
            return new Answer(status, body.toByteArray());
        }

        private void copy(long n, ByteArrayOutputStream to) throws IOException {
            byte[] buffer = new byte[4096];
            while (n > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
                if (read < 0) {
                    throw new EOFException("answer cut short");
                }
                to.write(buffer, 0, read);
                n -= read;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
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
