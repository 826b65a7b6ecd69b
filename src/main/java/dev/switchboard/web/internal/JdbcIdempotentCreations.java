package dev.switchboard.web.internal;

import dev.switchboard.storage.GroupCommit;
import dev.switchboard.web.Created;
import dev.switchboard.web.IdempotentCreations;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

@Component
class JdbcIdempotentCreations implements IdempotentCreations {

    private static final int MAX_KEY = 200;

    private record Claim(String operation, String fingerprint, Long resourceId) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final GroupCommit groupCommit;
    private final Clock clock;

    JdbcIdempotentCreations(JdbcClient jdbc, TransactionTemplate tx, GroupCommit groupCommit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.groupCommit = groupCommit;
        this.clock = clock;
    }

    @Override
    public <T> Created<T> create(long callerId, String key, String operation, String fingerprint,
                                 LongSupplier create, LongFunction<T> load) {
        return create(callerId, key, operation, fingerprint, create, load, this::inOwnTransaction);
    }

    private <R> R inOwnTransaction(Supplier<R> work) {
        return tx.execute(s -> work.get());
    }

    @Override
    public <T> Created<T> createGrouped(long callerId, String key, String operation, String fingerprint,
                                        LongSupplier create, LongFunction<T> load) {
        return create(callerId, key, operation, fingerprint, create, load, groupCommit::run);
    }

    /** Runs work in a transaction of its own ({@link TransactionTemplate}) or perhaps shared ({@link GroupCommit}). */
    private interface Transactions {
        <R> R run(Supplier<R> work);
    }

    private <T> Created<T> create(long callerId, String key, String operation, String fingerprint,
                                  LongSupplier create, LongFunction<T> load, Transactions transactions) {
        if (key == null) {
            return new Created<>(transactions.run(() -> readAtCommit(create.getAsLong(), load)).get(), false);
        }
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw InvalidRequest.field("Idempotency-Key", "must be 1 to " + MAX_KEY + " characters");
        }
        Claimed<T> claimed = transactions.run(() -> {
            // ON CONFLICT DO NOTHING waits for a concurrent claim of the same key to commit, so the
            // second caller then reads the first one's result instead of creating again.
            int inserted = jdbc.sql("""
                            insert into idempotency_keys (user_id, idem_key, operation, fingerprint, created_at)
                            values (?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(callerId, key, operation, fingerprint, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                    .update();
            if (inserted == 0) {
                return new Claimed<T>(replay(callerId, key, operation, fingerprint), true, null);
            }
            long id = create.getAsLong();
            jdbc.sql("update idempotency_keys set resource_id = ? where user_id = ? and idem_key = ?")
                    .params(id, callerId, key).update();
            return new Claimed<>(id, false, readAtCommit(id, load));
        });
        return new Created<>(claimed.replayed() ? load.apply(claimed.resourceId()) : claimed.answer().get(),
                claimed.replayed());
    }

    /** A new claim carries its answer, read at commit; a replayed one is read afresh. */
    private record Claimed<T>(long resourceId, boolean replayed, AnswerAtCommit<T> answer) {
    }

    /**
     * Reads the answer as the transaction commits, after everything else that runs then (triggers, which
     * may still change what was created): the caller sees the result as stored, read on the connection the
     * transaction already holds, and what the transaction read before the triggers changed nothing is reused.
     */
    private static <T> AnswerAtCommit<T> readAtCommit(long id, LongFunction<T> load) {
        AnswerAtCommit<T> answer = new AnswerAtCommit<>(id, load);
        TransactionSynchronizationManager.registerSynchronization(answer);
        return answer;
    }

    /** Registered last, so {@link Ordered#LOWEST_PRECEDENCE} and registration order put it after the others. */
    private static final class AnswerAtCommit<T> implements TransactionSynchronization {

        private final long id;
        private final LongFunction<T> load;
        private T answer;
        private boolean read;

        AnswerAtCommit(long id, LongFunction<T> load) {
            this.id = id;
            this.load = load;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            answer = load.apply(id);
            read = true;
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        /** The answer; read now if the transaction was a caller's that has not committed yet. */
        T get() {
            return read ? answer : load.apply(id);
        }
    }

    private long replay(long callerId, String key, String operation, String fingerprint) {
        Claim claim = jdbc.sql("select operation, fingerprint, resource_id from idempotency_keys where user_id = ? and idem_key = ?")
                .params(callerId, key)
                .query((rs, n) -> new Claim(rs.getString(1), rs.getString(2).trim(), rs.getObject(3, Long.class)))
                .optional()
                .orElseThrow(() -> Problems.conflict("A request with this Idempotency-Key is still in progress; retry shortly."));
        if (!claim.operation().equals(operation) || !claim.fingerprint().equals(fingerprint)) {
            throw InvalidRequest.field("Idempotency-Key", "was already used for a different request");
        }
        if (claim.resourceId() == null) {
            throw Problems.conflict("A request with this Idempotency-Key is still in progress; retry shortly.");
        }
        return claim.resourceId();
    }
}
