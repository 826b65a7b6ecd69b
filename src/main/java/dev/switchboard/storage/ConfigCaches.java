package dev.switchboard.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Per-node caches of configuration that every new ticket reads and admins change a few times a day (SLA
 * policies, routing rules, triggers, notification templates and switches...), so that opening a ticket runs
 * no statement for them. Each module keeps its own cache, in its own words, over a {@link ConfigCache} made
 * here.
 *
 * <p>How long a change can take to apply: a change made through this node is seen by the very next read on
 * this node ({@link ConfigCache#evict()} at the write, and again once its transaction has completed). A
 * change made through another node sharing the database (or straight in the database) is seen here once
 * the cached value is older than {@code switchboard.config-cache.ttl} (5 s unless configured; 0 turns the
 * caches off).
 */
@Component
public class ConfigCaches {

    private final Duration ttl;
    private final Ticker ticker;

    @Autowired
    public ConfigCaches(@Value("${switchboard.config-cache.ttl:5s}") Duration ttl) {
        this(ttl, Ticker.systemTicker());
    }

    /** With a ticker a test moves by hand (Caffeine's clock: nanoseconds, only differences count). */
    public ConfigCaches(Duration ttl, Ticker ticker) {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("switchboard.config-cache.ttl must be between 0 and 1 h, not " + ttl);
        }
        this.ttl = ttl;
        this.ticker = ticker;
    }

    /** A new cache of values that must never be null (wrap an optional value in an Optional). */
    public <K, V> ConfigCache<K, V> create() {
        return new ConfigCache<>(Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).maximumSize(10_000).build());
    }

    /** A new cache of one value (all of a module's rules, say), which must never be null. */
    public <V> ConfigValue<V> createValue() {
        return new ConfigValue<>(create());
    }

    /** One value read from the database, kept like a {@link ConfigCache} entry. */
    public static final class ConfigValue<V> {

        private final ConfigCache<Boolean, V> cache;

        private ConfigValue(ConfigCache<Boolean, V> cache) {
            this.cache = cache;
        }

        /** The cached value, or the one {@code load} reads. */
        public V get(Supplier<? extends V> load) {
            return cache.get(Boolean.TRUE, only -> load.get());
        }

        /** See {@link ConfigCache#evict()}. */
        public void evict() {
            cache.evict();
        }
    }

    /**
     * Values read from the database, kept for at most the TTL. Keep only immutable values here (records,
     * {@code List.copyOf}, {@code Map.copyOf}): every caller shares them.
     */
    public static final class ConfigCache<K, V> {

        private final Cache<K, V> values;
        /** Counts evictions, so a read that raced one does not keep what it read. */
        private final AtomicLong evictions = new AtomicLong();

        private ConfigCache(Cache<K, V> values) {
            this.values = values;
        }

        /** The cached value, or the one {@code load} reads (once per key however many ask at once). */
        public V get(K key, Function<? super K, ? extends V> load) {
            long before = evictions.get();
            V value = values.get(key, load);
            if (evictions.get() != before) { // evicted while loading: what was read may be the old configuration
                values.asMap().remove(key, value);
            }
            return value;
        }

        /**
         * Forgets every value, at once and again when the current transaction (if any) has completed: a read
         * racing the write, or one inside its transaction that a rollback undoes, cannot keep a value that is
         * no longer true.
         */
        public void evict() {
            forget();
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        forget();
                    }
                });
            }
        }

        private void forget() {
            evictions.incrementAndGet();
            values.invalidateAll();
        }
    }
}
