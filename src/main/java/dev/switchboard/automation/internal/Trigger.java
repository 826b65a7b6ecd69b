package dev.switchboard.automation.internal;

import dev.switchboard.routing.TicketConditions.Condition;
import java.time.Instant;
import java.util.List;

/**
 * A trigger: when its {@code event} happens on a ticket and all its conditions hold (a trigger without
 * conditions always does), its actions run. Triggers of one event run by {@code position}, then id; each sees
 * the ticket as the ones before it left it, and fires at most once per event.
 */
record Trigger(long id, String name, String event, int position, List<Condition> conditions,
               List<TriggerAction> actions, boolean active, Instant createdAt, Instant updatedAt) {

    TriggerEvent on() {
        return TriggerEvent.of(event).orElseThrow();
    }

    /** Whether it sends mail or calls a webhook (for the list: what leaves Switchboard). */
    boolean reachesOut() {
        return actions.stream().anyMatch(a -> a.kind() == TriggerAction.Type.SEND_EMAIL
                || a.kind() == TriggerAction.Type.WEBHOOK);
    }
}
