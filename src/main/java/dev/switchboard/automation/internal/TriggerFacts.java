package dev.switchboard.automation.internal;

import dev.switchboard.ticket.TicketView;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a trigger's conditions read: the ticket as it is when the trigger runs (after the change, and after
 * the triggers before it), and the event. {@code body} is the text of the reply the event is about, else the
 * ticket's description; {@code from} and {@code to} are the statuses of a {@code status_changed}; {@code changed}
 * the fields an {@code updated} touched.
 */
final class TriggerFacts {

    static final List<String> FIELDS = List.of("channel", "subject", "body", "requester_email", "organization_id",
            "category", "priority", "tags", "status", "assignee_id", "group_id", "from", "to", "changed");
    /** Fields that mean something only for one event. */
    static final List<String> STATUS_CHANGE_FIELDS = List.of("from", "to");
    static final List<String> UPDATE_FIELDS = List.of("changed");

    private final TicketView ticket;
    private final Occurrence occurrence;
    private final Supplier<String> body;

    TriggerFacts(TicketView ticket, Occurrence occurrence, Supplier<String> body) {
        this.ticket = ticket;
        this.occurrence = occurrence;
        this.body = body;
    }

    TicketView ticket() {
        return ticket;
    }

    Occurrence occurrence() {
        return occurrence;
    }

    String body() {
        return body.get();
    }

    /** The values of one field: none when unset, several for tags and changed. */
    List<String> valuesOf(String field) {
        return switch (field) {
            case "channel" -> one(ticket.channel());
            case "subject" -> one(ticket.subject());
            case "body" -> one(body.get());
            case "requester_email" -> one(ticket.requester() == null ? null : ticket.requester().email());
            case "organization_id" -> one(ticket.organizationId());
            case "category" -> one(ticket.category());
            case "priority" -> one(ticket.priority());
            case "tags" -> List.copyOf(ticket.tags());
            case "status" -> one(ticket.status());
            case "assignee_id" -> one(ticket.assigneeId());
            case "group_id" -> one(ticket.groupId());
            case "from" -> one(occurrence.from());
            case "to" -> one(occurrence.to());
            case "changed" -> occurrence.changed().stream().sorted().toList();
            default -> throw new IllegalArgumentException("no trigger field " + field);
        };
    }

    private static List<String> one(Object value) {
        return value == null ? List.of() : List.of(value.toString());
    }
}
