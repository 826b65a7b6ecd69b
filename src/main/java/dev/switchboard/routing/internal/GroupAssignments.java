package dev.switchboard.routing.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each group's assignment strategy: read and changed by admins through the group's API, the group's own
 * {@code assignment} URL and the routing admin page alike, every change in the audit trail (subject
 * {@code group}, field {@code assignment}). A group without a setting is assigned by hand.
 */
@Service
class GroupAssignments {

    private final GroupAssignmentRecords settings;
    private final UserDirectory directory;
    private final AuditTrail audit;
    private final Clock clock;

    GroupAssignments(GroupAssignmentRecords settings, UserDirectory directory, AuditTrail audit, Clock clock) {
        this.settings = settings;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    AssignmentStrategy of(long groupId) {
        return settings.of(groupId).map(GroupAssignmentRecords.Setting::strategy).orElse(AssignmentStrategy.MANUAL);
    }

    /** Every one of these groups' strategies, manual where none is set; one query. */
    Map<Long, AssignmentStrategy> of(Collection<Long> groupIds) {
        Map<Long, AssignmentStrategy> strategies = new HashMap<>();
        groupIds.forEach(id -> strategies.put(id, AssignmentStrategy.MANUAL));
        settings.ofGroups(groupIds).forEach(s -> strategies.put(s.groupId(), s.strategy()));
        return strategies;
    }

    /** Sets a group's strategy from its code ({@code manual}, {@code round_robin}, {@code least_loaded}). */
    @Transactional
    AssignmentStrategy change(Actor actor, long groupId, Object code) {
        RoutingRuleApi.requireAdmin(actor);
        if (!directory.groupExists(groupId)) {
            throw Problems.notFound("Group " + groupId);
        }
        if (!(code instanceof String text)) {
            throw InvalidRequest.field("assignment", code == null ? "required: manual, round_robin or least_loaded"
                    : "must be one of manual, round_robin, least_loaded");
        }
        AssignmentStrategy strategy = AssignmentStrategy.parse("assignment", text);
        AssignmentStrategy before = of(groupId);
        Instant now = clock.instant();
        settings.save(groupId, strategy, now);
        if (before != strategy) {
            audit.record(AuditEntry.change("group", groupId, "assignment", before.code(), strategy.code(),
                    actor.userId(), actor.systemJob(), now));
        }
        return strategy;
    }
}
