package dev.switchboard.notification.internal;

import dev.switchboard.storage.ConfigCaches;
import dev.switchboard.storage.ConfigCaches.ConfigValue;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which notifications are on, as this node last read them: every notification asks here instead of the
 * database. {@link NotificationSwitches} clears it when an admin turns one on or off; a switch flipped through
 * another node is seen here within {@code switchboard.config-cache.ttl}.
 */
@Component
class SwitchStates {

    private final SwitchRecords records;
    private final ConfigValue<Map<TemplateKey, Boolean>> states;

    SwitchStates(SwitchRecords records, ConfigCaches caches) {
        this.records = records;
        this.states = caches.createValue();
    }

    boolean isOn(TemplateKey key) {
        return !key.switchable() || states.get(() -> records.all()).getOrDefault(key, true);
    }

    /** Forgets the switches at once and again when the transaction of the change has completed. */
    void changed() {
        states.evict();
    }
}
