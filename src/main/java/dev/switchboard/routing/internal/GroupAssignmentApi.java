package dev.switchboard.routing.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.web.Problems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A group's assignment strategy on its own URL, {@code /api/v1/groups/{id}/assignment}. The same setting is
 * the {@code assignment} field of the group ({@link AssignmentSection}).
 */
@RestController
@RequestMapping("/api/v1/groups/{id}/assignment")
class GroupAssignmentApi {

    record Assignment(String assignment) {
    }

    private final GroupAssignments assignments;
    private final UserDirectory directory;

    GroupAssignmentApi(GroupAssignments assignments, UserDirectory directory) {
        this.assignments = assignments;
        this.directory = directory;
    }

    @GetMapping
    Assignment get(Actor actor, @PathVariable long id) {
        RoutingRuleApi.requireStaff(actor);
        if (!directory.groupExists(id)) {
            throw Problems.notFound("Group " + id);
        }
        return new Assignment(assignments.of(id).code());
    }

    @PatchMapping
    Assignment change(Actor actor, @PathVariable long id, @RequestBody Assignment body) {
        return new Assignment(assignments.change(actor, id, body.assignment()).code());
    }
}
