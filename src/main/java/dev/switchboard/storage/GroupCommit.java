package dev.switchboard.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: units of work that callers hand in at the same time run one after the other in one shared
 * transaction, so they pay for one commit, one set of locks and one multi-row insert of what each left for the
 * commit ({@link DeferredInserts}) instead of one of each. A database spends much of a small transaction's cost
 * on exactly those; new tickets arriving together are the case it is for.
 *
 * <p>Nothing waits for company: a caller who finds fewer than {@code max-batches} groups running starts one at
 * once with whatever else waits; callers arriving while all are running queue, and the next group takes up to
 * {@code max-size} of them. Under light load every unit runs alone, as it would without this.
 *
 * <p>Each caller gets its own outcome, as if its unit had run alone after the ones before it:
 * <ul>
 * <li>a unit that throws (a refused request, say) gets its exception; the group's transaction is rolled back and
 *     the other units run again without it, so nothing of the failed unit is kept;</li>
 * <li>when the database refuses (a statement fails, a lock is not granted in time, the commit fails), which unit
 *     caused it is unknown: every unit of the group then runs again alone, in its own transaction, on its
 *     caller's thread.</li>
 * </ul>
 * A unit must therefore be safe to run again after a rollback (everything it does is transactional, or happens
 * after the commit), and must not rely on its caller's thread: a group's units run on the thread of the caller
 * who leads it.
 *
 * <p>Units of concurrent groups could lock the same rows in opposite orders (two new tickets routed to two round-
 * robin groups, say); so a group waits at most {@link #LOCK_WAIT} for a lock on PostgreSQL before it gives up and
 * its units run alone, instead of PostgreSQL's one second before it finds the deadlock.
 */
@Component
public class GroupCommit {

    /** How long a group waits for a row lock; a group normally commits in a few milliseconds. */
    static final String LOCK_WAIT = "200ms";

    /** Where a unit is: guarded by the lock. */
    private enum State { WAITING, LEADING, GROUPED, DECIDED }

    /** How a unit ended: set by the thread that ran it, read by its caller once {@link State#DECIDED}. */
    private enum Outcome { DONE, FAILED, ALONE }

    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final boolean limitsLockWaits;
    private final int maxSize;
    private final int maxBatches;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Unit<?>> waiting = new ArrayDeque<>();
    private int running;

    public GroupCommit(TransactionTemplate tx, JdbcClient jdbc, StorageDatabase database,
                       @Value("${switchboard.group-commit.max-size:32}") int maxSize,
                       @Value("${switchboard.group-commit.max-batches:3}") int maxBatches) {
        if (maxSize < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("switchboard.group-commit.max-size and max-batches must be at least 1");
        }
        this.tx = tx;
        this.jdbc = jdbc;
        this.limitsLockWaits = database.limitsLockWaits();
        this.maxSize = maxSize;
        this.maxBatches = maxBatches;
    }

    /**
     * Runs {@code work} in a transaction, perhaps shared with other callers' units, and returns what it returned
     * once that transaction has committed. Inside a transaction already, it simply runs there.
     */
    public <T> T run(Supplier<T> work) {
        if (maxSize == 1 || TransactionSynchronizationManager.isActualTransactionActive()) {
            return alone(work);
        }
        Unit<T> unit = new Unit<>(work, lock.newCondition());
        lock.lock();
        try {
            if (running < maxBatches) {
                running++;
                unit.state = State.LEADING;
            } else {
                waiting.add(unit);
                while (unit.state == State.WAITING || unit.state == State.GROUPED) {
                    unit.changed.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        if (unit.state == State.LEADING) {
            lead(unit);
        }
        return unit.outcome();
    }

    /** A transaction of the work's own (or the caller's, which it joins). */
    private <T> T alone(Supplier<T> work) {
        return tx.execute(s -> work.get());
    }

    /** How many units wait for a group to take them; for tests. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Runs one group: this unit and as many waiting ones as fit; then hands the lead to the next in line. */
    private void lead(Unit<?> first) {
        List<Unit<?>> group = new ArrayList<>();
        group.add(first);
        lock.lock();
        try {
            while (group.size() < maxSize && !waiting.isEmpty()) {
                Unit<?> unit = waiting.poll();
                unit.state = State.GROUPED;
                group.add(unit);
            }
        } finally {
            lock.unlock();
        }
        try {
            runGroup(group);
        } catch (RuntimeException | Error e) {
            group.stream().filter(u -> u.outcome == null).forEach(u -> u.fail(e));
            throw e;
        } finally {
            lock.lock();
            try {
                group.forEach(Unit::decide);
                Unit<?> next = waiting.poll();
                if (next == null) {
                    running--;
                } else {
                    next.state = State.LEADING;
                    next.changed.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Runs the group's units in one transaction until it commits, dropping each unit that throws. A group of one
     * is an ordinary transaction, whatever its outcome; a larger one the database refuses is taken apart.
     */
    private void runGroup(List<Unit<?>> group) {
        List<Unit<?>> left = new ArrayList<>(group);
        while (!left.isEmpty()) {
            boolean shared = left.size() > 1;
            try {
                List<Object> results = tx.execute(s -> {
                    if (shared && limitsLockWaits) {
                        jdbc.sql("set local lock_timeout = '" + LOCK_WAIT + "'").update();
                    }
                    List<Object> done = new ArrayList<>(left.size());
                    for (Unit<?> unit : left) {
                        try {
                            done.add(unit.work.get());
                        } catch (RuntimeException e) {
                            throw new UnitFailed(unit, e);
                        }
                    }
                    return done;
                });
                for (int i = 0; i < left.size(); i++) {
                    left.get(i).succeed(results.get(i));
                }
                return;
            } catch (UnitFailed failed) {
                if (shared && refusedByDatabase(failed.getCause())) {
                    break;
                }
                failed.unit.fail(failed.getCause());
                left.remove(failed.unit);
            } catch (RuntimeException e) {
                if (!shared) {
                    left.get(0).fail(e);
                    return;
                }
                break; // the commit, or work done as it commits, failed: no telling whose
            }
        }
        // the database refused a shared transaction: each unit runs in one of its own, on its caller's thread
        left.forEach(Unit::runAlone);
    }

    private static boolean refusedByDatabase(Throwable e) {
        return e instanceof DataAccessException || e instanceof TransactionException;
    }

    /** Carries a unit's exception out of the group's transaction, which rolls it back. */
    private static final class UnitFailed extends RuntimeException {
        private final transient Unit<?> unit;

        UnitFailed(Unit<?> unit, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.unit = unit;
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private final class Unit<T> {
        private final Supplier<T> work;
        private final Condition changed;
        private State state = State.WAITING;
        private Outcome outcome;
        private Object result;
        private Throwable failure;

        Unit(Supplier<T> work, Condition changed) {
            this.work = work;
            this.changed = changed;
        }

        void succeed(Object value) {
            result = value;
            outcome = Outcome.DONE;
        }

        void fail(Throwable e) {
            failure = e;
            outcome = Outcome.FAILED;
        }

        void runAlone() {
            outcome = Outcome.ALONE;
        }

        /** Tells the caller its unit's outcome is known; with the lock held, so the caller sees the outcome. */
        void decide() {
            state = State.DECIDED;
            changed.signal();
        }

        @SuppressWarnings("unchecked")
        T outcome() {
            return switch (outcome) {
                case DONE -> (T) result;
                case FAILED -> {
                    if (failure instanceof RuntimeException e) {
                        throw e;
                    }
                    throw (Error) failure;
                }
                case ALONE -> alone(work);
            };
        }
    }
}
