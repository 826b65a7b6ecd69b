package dev.switchboard.ticket;

import java.util.Set;

/**
 * Which tickets a list shows. Null means any; {@code unassigned} asks for tickets with no assignee;
 * {@code groupIds} for tickets in any of these groups.
 */
public record TicketFilter(Set<TicketStatus> statuses, Long assigneeId, boolean unassigned, Long groupId,
                           Long requesterId, Set<Priority> priorities, Set<Long> groupIds, String category, String tag) {

    public TicketFilter(Set<TicketStatus> statuses, Long assigneeId, boolean unassigned, Long groupId, Long requesterId,
                        Set<Priority> priorities) {
        this(statuses, assigneeId, unassigned, groupId, requesterId, priorities, null, null, null);
    }

    public static TicketFilter any() {
        return new TicketFilter(null, null, false, null, null, null);
    }
}
