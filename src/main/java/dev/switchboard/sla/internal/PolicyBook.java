package dev.switchboard.sla.internal;

import dev.switchboard.storage.ConfigCaches;
import dev.switchboard.storage.ConfigCaches.ConfigValue;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The SLA policies in force, with their targets, in the order they are tried, as this node last read them:
 * every new ticket looks its policy up here instead of in the database. {@link Policies} clears it on every
 * change it makes; a change made through another node is seen here within {@code switchboard.config-cache.ttl}.
 */
@Component
class PolicyBook {

    private final PolicyRecords records;
    private final ConfigValue<List<SlaPolicy>> policies;

    PolicyBook(PolicyRecords records, ConfigCaches caches) {
        this.records = records;
        this.policies = caches.createValue();
    }

    /** Every policy in the order they are tried: the default one last. */
    List<SlaPolicy> ordered() {
        return policies.get(() -> List.copyOf(records.ordered()));
    }

    /** Forgets the policies at once and again when the transaction of the change has completed. */
    void changed() {
        policies.evict();
    }
}
