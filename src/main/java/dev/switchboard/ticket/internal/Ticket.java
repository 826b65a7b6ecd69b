package dev.switchboard.ticket.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.CloseReason;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketEvents.FieldChanged;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.web.InvalidRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The ticket aggregate. Its fields change only through methods that apply the lifecycle's rules; each
 * change is remembered (status moves as {@link Transition}s, field edits as {@link FieldChanged}) until the
 * ticket is saved, so the record, the audit trail and the events come from one place.
 */
final class Ticket {

    record Transition(TicketStatus from, TicketStatus to, Actor actor, String reason, Instant at) {
    }

    private Long id;
    private String subject;
    private final String description;
    private TicketStatus status;
    private Priority priority;
    private String category;
    private final Channel channel;
    private final long requesterId;
    private final Long organizationId;
    private Long assigneeId;
    private Long groupId;
    private final Long followUpOfId;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant firstResponseAt;
    private Instant resolvedAt;
    private Instant closedAt;
    private Instant statusChangedAt;
    private int reopenCount;
    private final int version;
    private SortedSet<String> tags;

    private final List<Transition> transitions = new ArrayList<>();
    private final List<FieldChanged> changes = new ArrayList<>();

    Ticket(Long id, String subject, String description, TicketStatus status, Priority priority, String category,
           Channel channel, long requesterId, Long organizationId, Long assigneeId, Long groupId, Long followUpOfId,
           Instant createdAt, Instant updatedAt, Instant firstResponseAt, Instant resolvedAt, Instant closedAt,
           Instant statusChangedAt, int reopenCount, int version, SortedSet<String> tags) {
        this.statusChangedAt = statusChangedAt;
        this.id = id;
        this.subject = subject;
        this.description = description;
        this.status = status;
        this.priority = priority;
        this.category = category;
        this.channel = channel;
        this.requesterId = requesterId;
        this.organizationId = organizationId;
        this.assigneeId = assigneeId;
        this.groupId = groupId;
        this.followUpOfId = followUpOfId;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.firstResponseAt = firstResponseAt;
        this.resolvedAt = resolvedAt;
        this.closedAt = closedAt;
        this.reopenCount = reopenCount;
        this.version = version;
        this.tags = new TreeSet<>(tags);
    }

    static Ticket open(String subject, String description, Priority priority, String category, Channel channel,
                       long requesterId, Long organizationId, Long followUpOfId, SortedSet<String> tags, Actor actor,
                       Instant now) {
        Ticket ticket = new Ticket(null, subject, description, TicketStatus.NEW, priority, category, channel,
                requesterId, organizationId, null, null, followUpOfId, now, now, null, null, null, now, 0, 0, tags);
        ticket.transitions.add(new Transition(null, TicketStatus.NEW, actor, null, now));
        return ticket;
    }

    // ---- lifecycle

    /** An agent moves the ticket; the lifecycle table decides whether it may. */
    void moveTo(TicketStatus target, CloseReason reason, Actor agent, Instant now) {
        if (target == status) {
            return;
        }
        if (!status.agentTargets().contains(target)) {
            throw new IllegalTransition(status, target);
        }
        if (target == TicketStatus.CLOSED && status != TicketStatus.RESOLVED && reason == null) {
            throw InvalidRequest.field("reason",
                    "closing a ticket that is not resolved needs a reason: spam, duplicate or merged");
        }
        apply(target, agent, target == TicketStatus.CLOSED && reason != null ? reason.code()
                : status == TicketStatus.RESOLVED && target == TicketStatus.OPEN ? "reopened" : null, now);
    }

    /** The requester wrote: a ticket waiting on them, or one resolved, is open again. */
    void requesterReplied(Actor requester, Instant now) {
        if (status == TicketStatus.CLOSED) {
            throw new IllegalStateException("a closed ticket takes no replies; open a follow-up instead");
        }
        if (status == TicketStatus.PENDING) {
            apply(TicketStatus.OPEN, requester, "requester replied", now);
        } else if (status == TicketStatus.RESOLVED) {
            apply(TicketStatus.OPEN, requester, "requester replied after resolution", now);
        }
        updatedAt = now;
    }

    /** An agent answered publicly: the first such answer is the first response, and a new ticket is now open. */
    void agentReplied(Actor agent, Instant now) {
        if (firstResponseAt == null) {
            firstResponseAt = now;
        }
        if (status == TicketStatus.NEW) {
            apply(TicketStatus.OPEN, agent, "agent replied", now);
        }
        updatedAt = now;
    }

    /** The requester marks their request solved; a closed or already resolved ticket stays as it is. */
    void solvedByRequester(Actor requester, Instant now) {
        if (status.isActive()) {
            apply(TicketStatus.RESOLVED, requester, "requester marked it solved", now);
        }
    }

    void noted(Instant now) {
        updatedAt = now;
    }

    /** Closes a ticket that has stayed resolved since {@code resolvedBefore}; false when it no longer has. */
    boolean closeAutomatically(Instant resolvedBefore, Actor job, Instant now) {
        if (status != TicketStatus.RESOLVED || resolvedAt == null || resolvedAt.isAfter(resolvedBefore)) {
            return false;
        }
        apply(TicketStatus.CLOSED, job, "no reply after resolution", now);
        return true;
    }

    private void apply(TicketStatus target, Actor actor, String reason, Instant now) {
        TicketStatus from = status;
        status = target;
        updatedAt = now;
        statusChangedAt = now;
        if (from == TicketStatus.RESOLVED && target == TicketStatus.OPEN) {
            reopenCount++;
        }
        if (target == TicketStatus.RESOLVED) {
            resolvedAt = now;
        } else if (target != TicketStatus.CLOSED) {
            resolvedAt = null;
        }
        if (target == TicketStatus.CLOSED) {
            closedAt = now;
        }
        transitions.add(new Transition(from, target, actor, reason, now));
    }

    // ---- fields an agent edits

    void assignTo(Long agentId, Instant now) {
        if (!Objects.equals(assigneeId, agentId)) {
            changes.add(change("assignee_id", assigneeId, agentId));
            assigneeId = agentId;
            updatedAt = now;
        }
    }

    void moveToGroup(Long newGroupId, Instant now) {
        if (!Objects.equals(groupId, newGroupId)) {
            changes.add(change("group_id", groupId, newGroupId));
            groupId = newGroupId;
            updatedAt = now;
        }
    }

    void prioritize(Priority newPriority, Instant now) {
        if (priority != newPriority) {
            changes.add(new FieldChanged("priority", priority.code(), newPriority.code()));
            priority = newPriority;
            updatedAt = now;
        }
    }

    void categorize(String newCategory, Instant now) {
        if (!Objects.equals(category, newCategory)) {
            changes.add(change("category", category, newCategory));
            category = newCategory;
            updatedAt = now;
        }
    }

    void retag(SortedSet<String> newTags, Instant now) {
        if (!tags.equals(newTags)) {
            changes.add(new FieldChanged("tags", String.join(",", tags), String.join(",", newTags)));
            tags = new TreeSet<>(newTags);
            updatedAt = now;
        }
    }

    private static FieldChanged change(String field, Object before, Object after) {
        return new FieldChanged(field, before == null ? null : before.toString(), after == null ? null : after.toString());
    }

    // ---- what the repository and views read

    List<Transition> transitions() {
        return transitions;
    }

    List<FieldChanged> changes() {
        return changes;
    }

    boolean tagsChanged() {
        return changes.stream().anyMatch(c -> c.field().equals("tags"));
    }

    void assigned(long newId) {
        this.id = newId;
    }

    Long id() { return id; }
    String subject() { return subject; }
    String description() { return description; }
    TicketStatus status() { return status; }
    Priority priority() { return priority; }
    String category() { return category; }
    Channel channel() { return channel; }
    long requesterId() { return requesterId; }
    Long organizationId() { return organizationId; }
    Long assigneeId() { return assigneeId; }
    Long groupId() { return groupId; }
    Long followUpOfId() { return followUpOfId; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    Instant firstResponseAt() { return firstResponseAt; }
    Instant resolvedAt() { return resolvedAt; }
    Instant closedAt() { return closedAt; }
    Instant statusChangedAt() { return statusChangedAt; }
    int reopenCount() { return reopenCount; }
    int version() { return version; }
    SortedSet<String> tags() { return tags; }
}
