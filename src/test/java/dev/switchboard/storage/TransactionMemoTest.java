package dev.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class TransactionMemoTest {

    private final TransactionMemo<Long, String> memo = new TransactionMemo<>();
    private final AtomicInteger reads = new AtomicInteger();

    private Optional<String> read() {
        return Optional.of("row read " + reads.incrementAndGet());
    }

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            complete();
        }
    }

    /** What a transaction manager does as a transaction ends. */
    private static void complete() {
        var synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        synchronizations.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
    }

    @Test
    void outsideATransactionEveryReadGoesToTheDatabase() {
        memo.remember(1L, "kept");
        assertThat(memo.get(1L, this::read)).contains("row read 1");
        assertThat(memo.get(1L, this::read)).contains("row read 2");
    }

    @Test
    void withinATransactionARowIsReadOnceAndWhatWasRememberedIsUsed() {
        TransactionSynchronizationManager.initSynchronization();
        assertThat(memo.get(1L, this::read)).contains("row read 1");
        assertThat(memo.get(1L, this::read)).contains("row read 1");
        memo.remember(2L, "written by this transaction");
        assertThat(memo.get(2L, this::read)).contains("written by this transaction");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aSuspendedTransactionKeepsItsRowsAndOneStartedInsideItReadsAfresh() {
        TransactionSynchronizationManager.initSynchronization();
        memo.remember(1L, "the outer transaction's");
        // what a transaction manager does to start a REQUIRES_NEW transaction inside it, and to end that
        var outer = TransactionSynchronizationManager.getSynchronizations();
        outer.forEach(TransactionSynchronization::suspend);
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.initSynchronization();
        assertThat(memo.get(1L, this::read)).contains("row read 1");
        complete();
        TransactionSynchronizationManager.initSynchronization();
        outer.forEach(s -> {
            TransactionSynchronizationManager.registerSynchronization(s);
            s.resume();
        });

        assertThat(memo.get(1L, this::read)).contains("the outer transaction's");
    }

    @Test
    void aWriteForgetsEverythingKeptSoTheNextReadSeesIt() {
        TransactionSynchronizationManager.initSynchronization();
        memo.get(1L, this::read);
        memo.remember(2L, "new");
        memo.forget();
        assertThat(memo.get(1L, this::read)).contains("row read 2");
        assertThat(memo.get(2L, this::read)).contains("row read 3");
    }

    @Test
    void aWriteOfOneRowForgetsThatRowAndKeepsTheOthers() {
        TransactionSynchronizationManager.initSynchronization();
        memo.get(1L, this::read);
        memo.remember(2L, "another new ticket of the same transaction");
        memo.forget(1L);
        assertThat(memo.get(1L, this::read)).contains("row read 2");
        assertThat(memo.get(2L, this::read)).contains("another new ticket of the same transaction");
    }

    @Test
    void theNextTransactionStartsWithNothingKept() {
        TransactionSynchronizationManager.initSynchronization();
        memo.get(1L, this::read);
        complete();
        TransactionSynchronizationManager.initSynchronization();
        assertThat(memo.get(1L, this::read)).contains("row read 2");
    }

    @Test
    void anAbsentRowIsKeptAsAbsent() {
        TransactionSynchronizationManager.initSynchronization();
        assertThat(memo.get(9L, () -> {
            reads.incrementAndGet();
            return Optional.empty();
        })).isEmpty();
        assertThat(memo.get(9L, this::read)).isEmpty();
        assertThat(reads).hasValue(1);
    }
}
