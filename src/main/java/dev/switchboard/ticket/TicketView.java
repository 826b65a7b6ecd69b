package dev.switchboard.ticket;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A ticket as the API and pages show it. */
public record TicketView(long id, String subject, String description, String status, String priority, String category,
                         String channel, Person requester, Long organizationId, Long assigneeId, Person assignee,
                         Long groupId, List<String> tags, Instant createdAt, Instant updatedAt,
                         Instant firstResponseAt, Instant resolvedAt, Instant closedAt, int reopenCount,
                         Long followUpOfId, List<Long> participantIds, int version,
                         @JsonIgnore Map<String, Object> sections) {

    public TicketView {
        sections = sections == null ? Map.of() : sections;
    }

    public TicketView(long id, String subject, String description, String status, String priority, String category,
                      String channel, Person requester, Long organizationId, Long assigneeId, Person assignee,
                      Long groupId, List<String> tags, Instant createdAt, Instant updatedAt, Instant firstResponseAt,
                      Instant resolvedAt, Instant closedAt, int reopenCount, Long followUpOfId,
                      List<Long> participantIds, int version) {
        this(id, subject, description, status, priority, category, channel, requester, organizationId, assigneeId,
                assignee, groupId, tags, createdAt, updatedAt, firstResponseAt, resolvedAt, closedAt, reopenCount,
                followUpOfId, participantIds, version, Map.of());
    }

    /** What other modules add ({@link TicketSection}), as top-level fields of the JSON. */
    @JsonAnyGetter
    public Map<String, Object> sectionFields() {
        return sections;
    }

    public TicketView withSection(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(sections);
        more.put(name, value);
        return new TicketView(id, subject, description, status, priority, category, channel, requester,
                organizationId, assigneeId, assignee, groupId, tags, createdAt, updatedAt, firstResponseAt, resolvedAt,
                closedAt, reopenCount, followUpOfId, participantIds, version, more);
    }

    public record Person(long id, String name, String email) {
    }
}
