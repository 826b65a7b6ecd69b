package dev.switchboard.ticket;

import java.util.Set;

/**
 * Which tickets a list shows. Null means any; {@code unassigned} asks for tickets with no assignee.
 */
public record TicketFilter(Set<TicketStatus> statuses, Long assigneeId, boolean unassigned, Long groupId,
                           Long requesterId, Set<Priority> priorities) {

    public static TicketFilter any() {
        return new TicketFilter(null, null, false, null, null, null);
    }
}
