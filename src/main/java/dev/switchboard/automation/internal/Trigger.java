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

    /** Its conditions in short words, for the list page ({@code subject contains invoice}). */
    public List<String> describedConditions() {
        return conditions.stream().map(TriggerForm::describe).toList();
    }
}
