package dev.switchboard.sla.internal;

import static dev.switchboard.sla.internal.Policies.requireAdmin;
import static dev.switchboard.sla.internal.Policies.requireStaff;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who hears of breaches on each group's tickets: {@code PUT /api/v1/sla-group-managers/{group_id}}. */
@RestController
@RequestMapping("/api/v1/sla-group-managers")
class GroupManagerApi {

    record ManagersBody(@NotNull @Size(max = 100) List<Long> managerIds) {
    }

    record ManagersView(long groupId, List<Long> managerIds) {
    }

    private final GroupManagers managers;
    private final UserDirectory directory;
    private final AuditTrail audit;
    private final Clock clock;

    GroupManagerApi(GroupManagers managers, UserDirectory directory, AuditTrail audit, Clock clock) {
        this.managers = managers;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    Page<ManagersView> list(Actor actor) {
        requireStaff(actor);
        return new Page<>(managers.all().entrySet().stream().map(e -> new ManagersView(e.getKey(), e.getValue())).toList(), null);
    }

    @GetMapping("/{groupId}")
    ManagersView get(Actor actor, @PathVariable long groupId) {
        requireStaff(actor);
        if (!directory.groupExists(groupId)) {
            throw Problems.notFound("Group " + groupId);
        }
        return new ManagersView(groupId, managers.of(groupId));
    }

    @PutMapping("/{groupId}")
    @Transactional
    public ManagersView replace(Actor actor, @PathVariable long groupId, @Valid @RequestBody ManagersBody body) {
        requireAdmin(actor);
        if (!directory.groupExists(groupId)) {
            throw Problems.notFound("Group " + groupId);
        }
        List<Long> ids = List.copyOf(new LinkedHashSet<>(body.managerIds()));
        Map<Long, UserSummary> people = directory.findUsers(ids);
        for (Long id : ids) {
            UserSummary user = people.get(id);
            if (user == null || !user.active() || !user.role().isStaff()) {
                throw InvalidRequest.field("manager_ids", "user " + id + " is not an active agent or admin");
            }
        }
        managers.replace(groupId, ids);
        audit.record(AuditEntry.change("sla_group_managers", groupId, "manager_ids", null, ids, actor.userId(),
                actor.systemJob(), clock.instant()));
        return new ManagersView(groupId, managers.of(groupId));
    }
}
