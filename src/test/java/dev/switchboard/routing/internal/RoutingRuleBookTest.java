package dev.switchboard.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.storage.ConfigCaches;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** New tickets are routed by rules held in memory, read again after the configured time or a change here. */
class RoutingRuleBookTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final RoutingRuleRecords records = new RoutingRuleRecords(null) {
        @Override
        List<RoutingRule> all() {
            reads.incrementAndGet();
            return List.of(new RoutingRule(1, "Invoices", 1, List.of(new Condition("subject", "contains", "invoice")),
                    List.of(new RuleAction("add_tags", List.of("billing"))), false, true, NOW, NOW));
        }
    };
    private final RoutingRuleBook book = new RoutingRuleBook(records, new ConfigCaches(Duration.ofSeconds(5), nanos::get));

    @Test
    void theRulesAreReadOnceUntilTheTtlPassesOrTheyChange() {
        for (int i = 0; i < 100; i++) {
            assertThat(book.ordered()).extracting(RoutingRule::name).containsExactly("Invoices");
        }
        assertThat(reads).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        book.ordered();
        assertThat(reads).hasValue(1);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        book.ordered();
        assertThat(reads).as("another node's change is seen after the TTL").hasValue(2);

        book.changed();
        book.ordered();
        assertThat(reads).as("a change on this node at once").hasValue(3);
        assertThatThrownBy(() -> book.ordered().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
