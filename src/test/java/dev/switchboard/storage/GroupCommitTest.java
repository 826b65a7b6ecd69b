package dev.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit on a real database. Each test holds the one group that may run (max-batches 1) busy until its
 * callers queue behind it, so the next group takes them all: which units share a transaction is then certain.
 */
class GroupCommitTest extends IntegrationTest {

    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StorageDatabase database;

    private final long subject = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
    private final ExecutorService callers = Executors.newCachedThreadPool();
    /** Which transaction each unit's last run was in, by the unit's name. */
    private final Map<String, Object> transactionOf = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private GroupCommit groupCommit;

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    private GroupCommit oneGroupAtATime() {
        groupCommit = new GroupCommit(tx, jdbc, database, 8, 1);
        return groupCommit;
    }

    /** A unit that notes its transaction and stores one audit line named after it. */
    private Supplier<String> storing(String name) {
        return () -> {
            runs.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            transactionOf.put(name, currentTransaction());
            jdbc.sql("insert into audit_events (subject_type, subject_id, action, actor_system, occurred_at) "
                    + "values ('group-commit-test', ?, ?, 'test', current_timestamp)").params(subject, name).update();
            return "done " + name;
        };
    }

    private List<String> stored() {
        return jdbc.sql("select action from audit_events where subject_type = 'group-commit-test' and subject_id = ? order by action")
                .param(subject).query(String.class).list();
    }

    /** A marker that stays the same for the length of one transaction and differs between transactions. */
    private static Object currentTransaction() {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof Marker) {
                return registered;
            }
        }
        Marker marker = new Marker();
        TransactionSynchronizationManager.registerSynchronization(marker);
        return marker;
    }

    private static final class Marker implements TransactionSynchronization {
    }

    /**
     * Starts a leading unit that holds the only group until {@code queued} callers wait behind it, then hands in
     * those callers' units; returns their outcomes in order.
     */
    private List<CompletableFuture<String>> queuedBehindABusyGroup(List<Supplier<String>> units) throws Exception {
        CountDownLatch leading = new CountDownLatch(1);
        CompletableFuture<String> leader = CompletableFuture.supplyAsync(() -> groupCommit.run(() -> {
            leading.countDown();
            awaitQueued(units.size());
            return "leader";
        }), callers);
        assertThat(leading.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Supplier<String> unit = units.get(i);
            outcomes.add(CompletableFuture.supplyAsync(() -> groupCommit.run(unit), callers));
            if (i < units.size() - 1) {
                awaitQueued(i + 1); // so they queue, and later run, in this order; the leader waits for the last
            }
        }
        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("leader");
        return outcomes;
    }

    private void awaitQueued(int count) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(10));
        while (groupCommit.waiting() < count) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("only " + groupCommit.waiting() + " of " + count + " callers queued");
            }
            Thread.onSpinWait();
        }
    }

    private static String outcome(CompletableFuture<String> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void callersArrivingWhileAGroupRunsShareTheNextCommitAndEachGetsItsOwnResult() throws Exception {
        oneGroupAtATime();

        List<CompletableFuture<String>> outcomes = queuedBehindABusyGroup(List.of(storing("a"), storing("b"), storing("c")));

        assertThat(outcome(outcomes.get(0))).isEqualTo("done a");
        assertThat(outcome(outcomes.get(1))).isEqualTo("done b");
        assertThat(outcome(outcomes.get(2))).isEqualTo("done c");
        assertThat(stored()).containsExactly("a", "b", "c");
        assertThat(transactionOf.get("a")).isSameAs(transactionOf.get("b")).isSameAs(transactionOf.get("c"));
    }

    @Test
    void aUnitThatThrowsGetsItsExceptionAndKeepsNothingWhileTheOthersCommit() throws Exception {
        oneGroupAtATime();
        Supplier<String> refused = () -> {
            storing("refused").get();
            throw new IllegalArgumentException("no such category");
        };

        List<CompletableFuture<String>> outcomes = queuedBehindABusyGroup(List.of(storing("a"), refused, storing("c")));

        assertThat(outcome(outcomes.get(0))).isEqualTo("done a");
        assertThatThrownBy(() -> outcome(outcomes.get(1))).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("no such category");
        assertThat(outcome(outcomes.get(2))).isEqualTo("done c");
        assertThat(stored()).containsExactly("a", "c");
        assertThat(transactionOf.get("a")).as("the others ran again together").isSameAs(transactionOf.get("c"));
    }

    @Test
    void whenTheDatabaseRefusesTheGroupEachUnitRunsAloneAndOnlyTheOneAtFaultFails() throws Exception {
        oneGroupAtATime();
        Supplier<String> broken = () -> jdbc.sql("insert into audit_events (subject_type, subject_id, action, "
                + "actor_system, occurred_at) values (null, ?, 'no subject type', 'test', current_timestamp)")
                .param(subject).update() + " rows";

        List<CompletableFuture<String>> outcomes = queuedBehindABusyGroup(List.of(storing("a"), broken, storing("c")));

        assertThat(outcome(outcomes.get(0))).isEqualTo("done a");
        assertThatThrownBy(() -> outcome(outcomes.get(1))).cause().isInstanceOf(DataAccessException.class);
        assertThat(outcome(outcomes.get(2))).isEqualTo("done c");
        assertThat(stored()).containsExactly("a", "c");
        assertThat(runs.get("a")).as("once in the group, once alone").hasValue(2);
        assertThat(transactionOf.get("a")).as("each alone in the end").isNotSameAs(transactionOf.get("c"));
    }

    @Test
    void aCallerWhoFindsNoGroupRunningStartsAtOnceAndACallerInATransactionStaysInIt() {
        oneGroupAtATime();

        assertThat(groupCommit.run(storing("alone"))).isEqualTo("done alone");
        Object outer = tx.execute(s -> {
            groupCommit.run(storing("inside"));
            return currentTransaction();
        });

        assertThat(stored()).containsExactly("alone", "inside");
        assertThat(transactionOf.get("inside")).isSameAs(outer);
    }

    @Test
    void onPostgresAGroupThatWaitsTooLongForALockGivesUpAndItsUnitsRunAlone() throws Exception {
        assumeThat(TestDatabase.isPostgres()).as("the lock wait is PostgreSQL's lock_timeout").isTrue();
        oneGroupAtATime();
        tx.execute(s -> storing("locked").get());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            jdbc.sql("select id from audit_events where subject_type = 'group-commit-test' and subject_id = ? for update")
                    .param(subject).query(Long.class).list();
            holding.countDown();
            try {
                assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }), callers);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Supplier<String> waitsForTheLock = () -> {
            if (runs.computeIfAbsent("waiting", n -> new AtomicInteger()).incrementAndGet() == 2) {
                release.countDown(); // alone now, with no time limit: let the holder finish
            }
            jdbc.sql("update audit_events set actor_system = 'updated' where subject_type = 'group-commit-test' "
                    + "and subject_id = ?").param(subject).update();
            return "updated";
        };

        List<CompletableFuture<String>> outcomes = queuedBehindABusyGroup(List.of(storing("a"), waitsForTheLock));

        assertThat(outcome(outcomes.get(0))).isEqualTo("done a");
        assertThat(outcome(outcomes.get(1))).isEqualTo("updated");
        holder.get(10, TimeUnit.SECONDS);
        assertThat(runs.get("waiting")).as("gave up in the group, then alone").hasValue(2);
        assertThat(stored()).containsExactly("a", "locked");
    }
}
