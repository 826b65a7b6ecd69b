package dev.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.storage.ConfigCaches.ConfigCache;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The per-node configuration caches: served from memory, gone after the TTL, and gone on every change. */
class ConfigCachesTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final ConfigCache<String, String> cache = new ConfigCaches(Duration.ofSeconds(5), nanos::get).create();

    private String read(String key) {
        return key + " #" + reads.incrementAndGet();
    }

    @AfterEach
    void noTransactionLeftOpen() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void repeatedReadsComeFromMemoryUntilTheTtlHasPassed() {
        assertThat(cache.get("policies", this::read)).isEqualTo("policies #1");
        nanos.addAndGet(Duration.ofMillis(4999).toNanos());
        assertThat(cache.get("policies", this::read)).isEqualTo("policies #1");
        assertThat(reads).hasValue(1);

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.get("policies", this::read)).isEqualTo("policies #2");
        assertThat(cache.get("rules", this::read)).as("each key is read once").isEqualTo("rules #3");
    }

    @Test
    void aChangeOutsideATransactionIsSeenByTheNextRead() {
        cache.get("policies", this::read);
        cache.evict();
        assertThat(cache.get("policies", this::read)).isEqualTo("policies #2");
    }

    @Test
    void aReadDuringTheChangesTransactionIsForgottenWhenItCompletes() {
        TransactionSynchronizationManager.initSynchronization();
        cache.get("policies", this::read);
        cache.evict(); // the write
        assertThat(cache.get("policies", this::read)).as("a read racing the commit").isEqualTo("policies #2");

        for (TransactionSynchronization sync : TransactionSynchronizationManager.getSynchronizations()) {
            sync.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
        }
        assertThat(cache.get("policies", this::read)).isEqualTo("policies #3");
        assertThat(cache.get("policies", this::read)).isEqualTo("policies #3");
    }

    @Test
    void aReadThatRacedAChangeIsNotKept() {
        assertThat(cache.get("policies", key -> {
            cache.evict(); // another thread's change lands while this read is under way
            return read(key);
        })).isEqualTo("policies #1");
        assertThat(cache.get("policies", this::read)).isEqualTo("policies #2");
    }

    @Test
    void aTtlOfZeroReadsEveryTimeAndANegativeOneIsRefused() {
        ConfigCache<String, String> off = new ConfigCaches(Duration.ZERO, nanos::get).create();
        off.get("policies", this::read);
        off.get("policies", this::read);
        assertThat(reads).hasValue(2);
        assertThatThrownBy(() -> new ConfigCaches(Duration.ofSeconds(-1))).hasMessageContaining("switchboard.config-cache.ttl");
        assertThatThrownBy(() -> new ConfigCaches(Duration.ofHours(2))).hasMessageContaining("between 0 and 1 h");
    }
}
