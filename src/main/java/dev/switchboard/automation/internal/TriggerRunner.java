package dev.switchboard.automation.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the active triggers of each occurrence, in their order, inside the transaction of the change. Conditions
 * are judged on reads alone; a trigger that fires runs in a savepoint of its own, so one that fails (a note on
 * a closed ticket, a ticket it can no longer change) is undone alone and logged, and the change that set it
 * off commits as it would have without triggers.
 */
@Component
class TriggerRunner {

    private static final Logger log = LoggerFactory.getLogger(TriggerRunner.class);

    private final ActiveTriggers active;
    private final TriggerEffects effects;
    private final TransactionTemplate savepoint;

    TriggerRunner(ActiveTriggers active, TriggerEffects effects, PlatformTransactionManager transactions) {
        this.active = active;
        this.effects = effects;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    void run(List<Occurrence> occurrences) {
        if (occurrences.isEmpty()) {
            return;
        }
        Set<String> events = occurrences.stream().map(o -> o.event().code()).collect(Collectors.toSet());
        List<Trigger> triggers;
        try {
            triggers = active.of(events);
        } catch (RuntimeException e) {
            log.error("Triggers not run for {} events: they could not be read", occurrences.size(), e);
            return;
        }
        for (Occurrence occurrence : occurrences) {
            for (Trigger trigger : triggers) {
                if (trigger.event().equals(occurrence.event().code())) {
                    fire(trigger, occurrence);
                }
            }
        }
    }

    /** Judges on reads alone; only a trigger that fires gets a savepoint. */
    private void fire(Trigger trigger, Occurrence occurrence) {
        try {
            TriggerFacts facts = effects.firing(trigger, occurrence);
            if (facts != null) {
                savepoint.executeWithoutResult(status -> effects.fire(trigger, facts));
            }
        } catch (RuntimeException e) {
            log.warn("Trigger {} ({}) failed on ticket #{} ({}); what it did was undone, the ticket's change stands",
                    trigger.id(), trigger.name(), occurrence.ticketId(), occurrence.event().code(), e);
        }
    }
}
