package dev.switchboard.automation.internal;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a trigger's conditions read: the ticket as it is when the trigger runs (after the change, and after
 * the triggers before it), and the event. {@code body} is the text of the reply the event is about, else the
 * ticket's description; {@code from} and {@code to} are the statuses of a {@code status_changed}; {@code changed}
 * the fields an {@code updated} touched; {@code business_hours} is {@code open} or {@code closed} by the business
 * calendar of the ticket's SLA policy when the event happened (unset for a ticket without an SLA clock).
 */
final class TriggerFacts {

    static final List<String> FIELDS = List.of("channel", "subject", "body", "requester_email", "organization_id",
            "category", "priority", "tags", "status", "assignee_id", "group_id", "business_hours", "from", "to", "changed");
    /** Fields that mean something only for one event. */
    static final List<String> STATUS_CHANGE_FIELDS = List.of("from", "to");
    static final List<String> UPDATE_FIELDS = List.of("changed");

    /** What fields with few values may hold, so a condition on another value is refused when it is saved. */
    static final Map<String, List<String>> VALUES = Map.of(
            "status", codes(TicketStatus.values()), "from", codes(TicketStatus.values()),
            "to", codes(TicketStatus.values()), "priority", Arrays.stream(Priority.values()).map(Priority::code).toList(),
            "channel", Arrays.stream(Channel.values()).map(Channel::code).toList(),
            "business_hours", List.of("open", "closed"),
            "changed", List.of("status", "priority", "assignee_id", "group_id", "category", "tags", "reply", "note"));

    private final TicketView ticket;
    private final Occurrence occurrence;
    private final Supplier<String> body;
    private final Supplier<String> businessHours;

    TriggerFacts(TicketView ticket, Occurrence occurrence, Supplier<String> body, Supplier<String> businessHours) {
        this.ticket = ticket;
        this.occurrence = occurrence;
        this.body = body;
        this.businessHours = businessHours;
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
            case "business_hours" -> one(businessHours.get());
            case "from" -> one(occurrence.from());
            case "to" -> one(occurrence.to());
            case "changed" -> occurrence.changed().stream().sorted().toList();
            default -> throw new IllegalArgumentException("no trigger field " + field);
        };
    }

    private static List<String> codes(TicketStatus[] statuses) {
        return Arrays.stream(statuses).map(TicketStatus::code).toList();
    }

    private static List<String> one(Object value) {
        return value == null ? List.of() : List.of(value.toString());
    }
}
