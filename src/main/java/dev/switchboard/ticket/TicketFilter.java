package dev.switchboard.ticket;

import java.time.Instant;
import java.util.Set;

/**
 * Which tickets a list shows. Null means any; {@code unassigned} asks for tickets with no assignee;
 * {@code groupIds} for tickets in any of these groups; {@code inStatusSince} and {@code inStatusBefore}
 * bound when the ticket entered its current status (the dashboard's aging buckets link here).
 */
public record TicketFilter(Set<TicketStatus> statuses, Long assigneeId, boolean unassigned, Long groupId,
                           Long requesterId, Set<Priority> priorities, Set<Long> groupIds, String category, String tag,
                           Instant inStatusSince, Instant inStatusBefore) {

    public TicketFilter(Set<TicketStatus> statuses, Long assigneeId, boolean unassigned, Long groupId, Long requesterId,
                        Set<Priority> priorities, Set<Long> groupIds, String category, String tag) {
        this(statuses, assigneeId, unassigned, groupId, requesterId, priorities, groupIds, category, tag, null, null);
    }

    public TicketFilter(Set<TicketStatus> statuses, Long assigneeId, boolean unassigned, Long groupId, Long requesterId,
                        Set<Priority> priorities) {
        this(statuses, assigneeId, unassigned, groupId, requesterId, priorities, null, null, null, null, null);
    }

    public static TicketFilter any() {
        return new TicketFilter(null, null, false, null, null, null);
    }
}
