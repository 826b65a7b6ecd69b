package dev.switchboard.routing.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A group's assignment strategy. It lives beside the group (identity owns groups, routing owns how they
 * hand out work), at {@code /api/v1/groups/{id}/assignment}.
 */
@RestController
@RequestMapping("/api/v1/groups/{id}/assignment")
class GroupAssignmentApi {

    record Assignment(String assignment) {
    }

    private final GroupAssignmentRecords settings;
    private final UserDirectory directory;
    private final AuditTrail audit;
    private final Clock clock;

    GroupAssignmentApi(GroupAssignmentRecords settings, UserDirectory directory, AuditTrail audit, Clock clock) {
        this.settings = settings;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    Assignment get(Actor actor, @PathVariable long id) {
        RoutingRuleApi.requireStaff(actor);
        requireGroup(id);
        return new Assignment(settings.of(id).map(s -> s.strategy().code()).orElse(AssignmentStrategy.MANUAL.code()));
    }

    @PatchMapping
    @Transactional
    Assignment change(Actor actor, @PathVariable long id, @RequestBody Assignment body) {
        RoutingRuleApi.requireAdmin(actor);
        requireGroup(id);
        if (body.assignment() == null) {
            throw InvalidRequest.field("assignment", "required: manual, round_robin or least_loaded");
        }
        AssignmentStrategy strategy = AssignmentStrategy.parse("assignment", body.assignment());
        String before = get(actor, id).assignment();
        Instant now = clock.instant();
        settings.save(id, strategy, now);
        if (!before.equals(strategy.code())) {
            audit.record(AuditEntry.change("group", id, "assignment", before, strategy.code(), actor.userId(),
                    actor.systemJob(), now));
        }
        return new Assignment(strategy.code());
    }

    private void requireGroup(long id) {
        if (!directory.groupExists(id)) {
            throw Problems.notFound("Group " + id);
        }
    }
}
