package dev.switchboard.ticket;

import java.time.Instant;
import java.util.List;

/** A ticket as the API and pages show it. */
public record TicketView(long id, String subject, String description, String status, String priority, String category,
                         String channel, Person requester, Long organizationId, Long assigneeId, Person assignee,
                         Long groupId, List<String> tags, Instant createdAt, Instant updatedAt,
                         Instant firstResponseAt, Instant resolvedAt, Instant closedAt, int reopenCount,
                         Long followUpOfId, List<Long> participantIds, int version) {

    public record Person(long id, String name, String email) {
    }
}
