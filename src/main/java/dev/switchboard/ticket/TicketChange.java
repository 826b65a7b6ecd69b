package dev.switchboard.ticket;

import java.util.Optional;
import java.util.Set;

/**
 * An agent's edit of a ticket's fields. A null field is left alone; an empty Optional clears it (no
 * assignee, no group, no category).
 *
 * @param expectedVersion the version the caller last saw; a newer one means someone else changed it
 * @param versionFromHeader whether the version came as If-Match (a mismatch is then 412, else 409)
 */
public record TicketChange(int expectedVersion, boolean versionFromHeader, TicketStatus status, CloseReason reason,
                           Priority priority, Optional<Long> assigneeId, Optional<Long> groupId,
                           Optional<String> category, Set<String> tags) {
}
