package dev.switchboard.routing.internal;

import dev.switchboard.storage.ConfigCaches;
import dev.switchboard.storage.ConfigCaches.ConfigValue;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The routing rules in the order they run, as this node last read them: every new ticket is routed by these
 * instead of reading the table. {@link RoutingRules} clears it on every change it makes (create, change,
 * activate, delete, move); a change made through another node is seen here within
 * {@code switchboard.config-cache.ttl}.
 */
@Component
class RoutingRuleBook {

    private final RoutingRuleRecords records;
    private final ConfigValue<List<RoutingRule>> rules;

    RoutingRuleBook(RoutingRuleRecords records, ConfigCaches caches) {
        this.records = records;
        this.rules = caches.createValue();
    }

    /** Every rule, active or not, by position then id. */
    List<RoutingRule> ordered() {
        return rules.get(() -> List.copyOf(records.all()));
    }

    /** Forgets the rules at once and again when the transaction of the change has completed. */
    void changed() {
        rules.evict();
    }
}
