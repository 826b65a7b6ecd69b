package dev.switchboard.ticket;

import dev.switchboard.web.InvalidRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lifecycle. {@link #agentTargets()} is the lifecycle table of DESIGN.md for moves an agent makes;
 * the requester's moves (pending → open and resolved → open on a reply) and the automatic close of
 * resolved tickets are made by {@code Ticket} itself.
 */
public enum TicketStatus {
    NEW, OPEN, IN_PROGRESS, PENDING, RESOLVED, CLOSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where an agent may move a ticket in this status. Closing an unresolved ticket also needs a reason. */
    public Set<TicketStatus> agentTargets() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, IN_PROGRESS, PENDING, RESOLVED, CLOSED);
            case OPEN -> EnumSet.of(IN_PROGRESS, PENDING, RESOLVED, CLOSED);
            case IN_PROGRESS -> EnumSet.of(OPEN, PENDING, RESOLVED, CLOSED);
            case PENDING -> EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    /** Whether the ticket still needs work from the team or the customer. */
    public boolean isActive() {
        return this != RESOLVED && this != CLOSED;
    }

    public static TicketStatus parse(String field, String value) {
        for (TicketStatus status : values()) {
            if (status.code().equals(value)) {
                return status;
            }
        }
        throw InvalidRequest.field(field, "unknown status '" + value + "'; allowed: " + codes(EnumSet.allOf(TicketStatus.class)));
    }

    public static String codes(Set<TicketStatus> statuses) {
        return statuses.stream().map(TicketStatus::code).collect(Collectors.joining(", "));
    }

    static String allCodes() {
        return Arrays.stream(values()).map(TicketStatus::code).collect(Collectors.joining(", "));
    }
}
