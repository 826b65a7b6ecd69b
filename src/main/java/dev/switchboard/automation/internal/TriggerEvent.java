package dev.switchboard.automation.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a trigger waits for. {@code created}: a ticket was opened (by any channel). {@code updated}: someone
 * changed a ticket — its fields, its status, or a new reply or note — once per change, however many fields it
 * touched. {@code requester_replied} / {@code agent_replied}: a public reply. {@code status_changed}: each move
 * of the lifecycle. {@code assigned}: someone was made the assignee. Changes made by triggers are none of
 * these: a trigger never sets off triggers.
 */
enum TriggerEvent {
    CREATED, UPDATED, REQUESTER_REPLIED, AGENT_REPLIED, STATUS_CHANGED, ASSIGNED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How webhooks name it ({@code X-Switchboard-Event}): {@code ticket.created}. */
    String webhookName() {
        return "ticket." + code();
    }

    static Optional<TriggerEvent> of(Object code) {
        return Arrays.stream(values()).filter(e -> e.code().equals(code)).findFirst();
    }

    static List<String> codes() {
        return Arrays.stream(values()).map(TriggerEvent::code).toList();
    }
}
