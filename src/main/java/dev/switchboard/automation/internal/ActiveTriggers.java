package dev.switchboard.automation.internal;

import dev.switchboard.storage.ConfigCaches;
import dev.switchboard.storage.ConfigCaches.ConfigValue;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The active triggers, in the order they run, as this node last read them: every ticket event is judged
 * against these instead of reading the table. {@link Triggers} clears it on every change it makes (create,
 * change, activate, delete, move); a change made through another node is seen here within
 * {@code switchboard.config-cache.ttl}.
 */
@Component
class ActiveTriggers {

    private final TriggerRecords records;
    private final ConfigValue<List<Trigger>> active;

    ActiveTriggers(TriggerRecords records, ConfigCaches caches) {
        this.records = records;
        this.active = caches.createValue();
    }

    /** The active triggers of these events, by position then id. */
    List<Trigger> of(Collection<String> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return active.get(() -> List.copyOf(records.active())).stream()
                .filter(t -> events.contains(t.event())).toList();
    }

    /** Forgets the triggers at once and again when the transaction of the change has completed. */
    void changed() {
        active.evict();
    }
}
