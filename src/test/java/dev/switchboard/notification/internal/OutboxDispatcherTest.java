package dev.switchboard.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.IntegrationTest;
import dev.switchboard.notification.OutboundChannel;
import dev.switchboard.notification.OutboundChannel.ChannelUnavailable;
import dev.switchboard.notification.OutboundMessage;
import dev.switchboard.notification.Outbox;
import dev.switchboard.notification.OutboxDelivery;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The dispatcher against a scripted channel that fails or refuses on cue. Scheduling is off in tests: each
 * test runs the dispatcher itself after moving the clock. Every test uses its own recipients.
 */
@Import(OutboxDispatcherTest.ScriptedChannel.class)
class OutboxDispatcherTest extends IntegrationTest {

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ScriptedChannel channel;
    @Autowired
    OutboxRecords records;
    @Autowired
    ChannelPauses pauses;

    @Test
    void enqueueingOutsideTheCausingTransactionIsRefused() {
        assertThatThrownBy(() -> outbox.enqueue(message(email("loose"))))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void failedDeliveryIsRetriedAfterOneMinuteThenTwoThenSucceeds() {
        String to = email("flaky");
        channel.fail(to, 2);
        long id = enqueue(to);

        dispatcher.dispatch();
        JsonNode item = item(id);
        assertThat(item.get("status").asString()).isEqualTo("pending");
        assertThat(item.get("attempts").asInt()).isEqualTo(1);
        assertThat(item.get("last_error").asString()).contains("scripted failure 1");
        assertThat(Instant.parse(item.get("next_attempt_at").asString())).isEqualTo(START.plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofSeconds(59));
        dispatcher.dispatch();
        assertThat(item(id).get("attempts").asInt()).as("not due yet").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatch();
        assertThat(Instant.parse(item(id).get("next_attempt_at").asString()))
                .isEqualTo(START.plus(Duration.ofMinutes(1 + 2)));

        clock.advance(Duration.ofMinutes(2));
        dispatcher.dispatch();
        item = item(id);
        assertThat(item.get("status").asString()).isEqualTo("sent");
        assertThat(item.get("attempts").asInt()).isEqualTo(3);
        assertThat(Instant.parse(item.get("sent_at").asString())).isEqualTo(START.plus(Duration.ofMinutes(3)));
        assertThat(channel.deliveredTo(to)).singleElement()
                .satisfies(d -> assertThat(d.key()).isEqualTo(item(id).get("key").asString()));
    }

    @Test
    void afterTenFailedAttemptsTheItemIsDeadUntilAnAdminRetriesIt() {
        String to = email("down");
        channel.fail(to, 10);
        long id = enqueue(to);

        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 10; attempt++) {
            dispatcher.dispatch();
            JsonNode item = item(id);
            assertThat(item.get("attempts").asInt()).isEqualTo(attempt);
            if (attempt < 10) {
                Instant next = Instant.parse(item.get("next_attempt_at").asString());
                waits.add(Duration.between(clock.instant(), next));
                clock.set(next);
            }
        }
        assertThat(waits).extracting(Duration::toMinutes).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        JsonNode dead = item(id);
        assertThat(dead.get("status").asString()).isEqualTo("dead");
        assertThat(dead.get("last_error").asString()).contains("scripted failure 10");
        assertThat(ids(admin().get("/api/v1/outbox?status=dead&limit=100").json())).contains(id);
        assertThat(ids(admin().get("/api/v1/outbox?status=pending&limit=100").json())).doesNotContain(id);

        clock.advance(Duration.ofDays(1));
        dispatcher.dispatch();
        assertThat(channel.deliveredTo(to)).as("dead items are left alone").isEmpty();

        JsonNode retried = admin().post("/api/v1/outbox/" + id + "/retry", Map.of()).json();
        assertThat(retried.get("status").asString()).isEqualTo("pending");
        assertThat(retried.get("attempts").asInt()).isZero();
        dispatcher.dispatch();
        assertThat(item(id).get("status").asString()).isEqualTo("sent");
        assertThat(channel.deliveredTo(to)).hasSize(1);
        assertThat(admin().post("/api/v1/outbox/" + id + "/retry", Map.of()).status()).as("only dead items").isEqualTo(409);
    }

    @Test
    void aRefusalIsDeadAtOnce() {
        String to = email("nobody");
        channel.refuse(to);
        long id = enqueue(to);

        dispatcher.dispatch();

        JsonNode item = item(id);
        assertThat(item.get("status").asString()).isEqualTo("dead");
        assertThat(item.get("attempts").asInt()).isEqualTo(1);
        assertThat(item.get("last_error").asString()).contains("550 no such mailbox");
    }

    @Test
    void twoDispatchersAtOnceDeliverEachItemExactlyOnce() throws Exception {
        String batch = "batch-" + System.nanoTime();
        List<Long> ids = IntStream.range(0, 40).mapToObj(i -> enqueue(batch + "-" + i + "@example.com")).toList();

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return dispatcher.dispatch();
                }));
            }
            for (Future<Integer> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < 40; i++) {
            assertThat(channel.deliveredTo(batch + "-" + i + "@example.com")).as("item " + i).hasSize(1);
            assertThat(item(ids.get(i)).get("status").asString()).isEqualTo("sent");
        }
    }

    @Test
    void aDispatcherAskedToStopFinishesItsBatchAndLeavesTheBacklogForLater() {
        String backlog = "backlog-" + System.nanoTime();
        List<Long> ids = IntStream.range(0, 25).mapToObj(i -> enqueue(backlog + "-" + i + "@example.com")).toList();

        Thread.currentThread().interrupt(); // what the scheduler's shutdown does to a running job
        int attempted;
        try {
            attempted = dispatcher.dispatch();
        } finally {
            Thread.interrupted();
        }

        assertThat(attempted).as("one round, not the whole backlog").isLessThan(25);
        assertThat(ids.stream().filter(id -> item(id).get("status").asString().equals("sent")))
                .as("one batch of the backlog").hasSize(10);
        assertTheNextRoundSendsTheRest(ids);
    }

    @Test
    void aDispatcherStopsAfterItsBatchWhenTheApplicationShutsDown() {
        String backlog = "closing-" + System.nanoTime();
        List<Long> ids = IntStream.range(0, 25).mapToObj(i -> enqueue(backlog + "-" + i + "@example.com")).toList();
        // a dispatcher of its own: the shared one must keep working for the other tests
        OutboxDispatcher closing = new OutboxDispatcher(records, pauses, List.of(channel), tx, clock, 10, 10,
                Duration.ofMinutes(10));

        closing.stop();

        assertThat(closing.dispatch()).as("one batch, not the whole backlog").isEqualTo(10);
        assertTheNextRoundSendsTheRest(ids);
    }

    private void assertTheNextRoundSendsTheRest(List<Long> ids) {
        dispatcher.dispatch();
        for (long id : ids) {
            assertThat(item(id).get("status").asString()).isEqualTo("sent");
        }
    }

    @Test
    void aChannelThatIsDownIsPausedAndItsMailWaitsWithoutSpendingAttempts() {
        String outage = "outage-" + System.nanoTime();
        List<Long> ids = IntStream.range(0, 3).mapToObj(i -> enqueue(outage + "-" + i + "@example.com")).toList();
        channel.down("the relay cannot be reached: Connection refused");
        try {
            int before = channel.tries();
            dispatcher.dispatch();
            assertThat(channel.tries() - before).as("one try finds the channel down; the rest are not tried").isEqualTo(1);
            for (long id : ids) {
                JsonNode item = item(id);
                assertThat(item.get("status").asString()).isEqualTo("pending");
                assertThat(item.get("attempts").asInt()).as("no attempt spent").isZero();
            }
            assertThat(item(ids.get(2)).get("last_error").asString()).contains("paused until", "Connection refused");
            JsonNode pause = admin().get("/api/v1/outbox/pauses").json().get(0);
            assertThat(pause.get("channel").asString()).isEqualTo(ScriptedChannel.NAME);
            assertThat(pause.get("reason").asString()).contains("Connection refused");
            assertThat(Instant.parse(pause.get("until").asString())).isEqualTo(START.plusSeconds(30));
            assertThat(adminSession().get("/admin/outbox").body())
                    .contains("Channel scripted is down since 2026-03-02 09:00 UTC", "spends no attempts");

            clock.advance(Duration.ofSeconds(29));
            before = channel.tries();
            dispatcher.dispatch();
            assertThat(channel.tries()).as("not tried while paused").isEqualTo(before);

            clock.advance(Duration.ofSeconds(1));
            assertThat(admin().get("/api/v1/outbox/pauses").json()).as("down until an item gets through").hasSize(1);
            dispatcher.dispatch();
            assertThat(channel.tries() - before).as("the end of the pause is probed with one item").isEqualTo(1);
            pause = admin().get("/api/v1/outbox/pauses").json().get(0);
            assertThat(Instant.parse(pause.get("until").asString())).as("still down: twice as long")
                    .isEqualTo(START.plusSeconds(30 + 60));
            assertThat(Instant.parse(pause.get("since").asString())).isEqualTo(START);

            channel.up();
            clock.advance(Duration.ofMinutes(1));
            dispatcher.dispatch();
        } finally {
            channel.up();
        }
        for (long id : ids) {
            JsonNode item = item(id);
            assertThat(item.get("status").asString()).isEqualTo("sent");
            assertThat(item.get("attempts").asInt()).as("the outage cost no attempts").isEqualTo(1);
        }
        assertThat(admin().get("/api/v1/outbox/pauses").json()).as("the channel works again").isEmpty();
        assertThat(adminSession().get("/admin/outbox").body()).doesNotContain("is down since");
    }

    @Test
    void pausesDoubleFromHalfAMinuteUpToTenMinutes() {
        ChannelPauses pauses = new ChannelPauses(null, clock, Duration.ofMinutes(10));
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(pauses::length).map(Duration::toSeconds))
                .containsExactly(30L, 60L, 120L, 240L, 480L, 600L, 600L, 600L);
    }

    @Test
    void onlyAdminsSeeWhichChannelsArePaused() {
        assertThat(newUser("agent").get("/api/v1/outbox/pauses").status()).isEqualTo(403);
        assertThat(newUser("customer").get("/api/v1/outbox/pauses").status()).isEqualTo(403);
    }

    private long enqueue(String recipient) {
        return tx.execute(s -> outbox.enqueue(message(recipient)));
    }

    private static OutboundMessage message(String recipient) {
        return new OutboundMessage(ScriptedChannel.NAME, recipient, "Hello", "Hello there", null, null, null, "test");
    }

    private JsonNode item(long id) {
        return admin().get("/api/v1/outbox/" + id).json();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    /** A channel that fails a recipient's next deliveries, or refuses them, as a test tells it to. */
    static class ScriptedChannel implements OutboundChannel {

        static final String NAME = "scripted";

        private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        private final Map<String, Boolean> refused = new ConcurrentHashMap<>();
        private final List<OutboxDelivery> delivered = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger tries = new AtomicInteger();
        private volatile String down;

        /** Every delivery fails as a whole-channel outage until {@link #up()}. */
        void down(String reason) {
            down = reason;
        }

        void up() {
            down = null;
        }

        int tries() {
            return tries.get();
        }

        void fail(String recipient, int times) {
            failures.put(recipient, new AtomicInteger(times));
        }

        void refuse(String recipient) {
            refused.put(recipient, true);
        }

        List<OutboxDelivery> deliveredTo(String recipient) {
            synchronized (delivered) {
                return delivered.stream().filter(d -> d.message().recipient().equals(recipient)).toList();
            }
        }

        @Override
        public String channel() {
            return NAME;
        }

        @Override
        public void deliver(OutboxDelivery delivery) throws Exception {
            String to = delivery.message().recipient();
            tries.incrementAndGet();
            if (down != null) {
                throw new ChannelUnavailable(down, new java.net.ConnectException("Connection refused"));
            }
            if (refused.containsKey(to)) {
                throw new DeliveryRefused("550 no such mailbox", null);
            }
            AtomicInteger left = failures.get(to);
            if (left != null && left.getAndDecrement() > 0) {
                throw new IOException("scripted failure " + delivery.attempt());
            }
            delivered.add(delivery);
        }
    }
}
