package dev.switchboard.routing.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.GroupSection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A group's {@code assignment} as a field of the group itself: {@code GET /api/v1/groups/{id}} shows it and
 * {@code PATCH /api/v1/groups/{id} {"assignment": "round_robin"}} changes it, though groups belong to identity.
 */
@Component
class AssignmentSection implements GroupSection {

    private final GroupAssignments assignments;

    AssignmentSection(GroupAssignments assignments) {
        this.assignments = assignments;
    }

    @Override
    public String name() {
        return "assignment";
    }

    @Override
    public Map<Long, Object> forGroups(Collection<Long> groupIds) {
        Map<Long, Object> codes = new HashMap<>();
        assignments.of(groupIds).forEach((id, strategy) -> codes.put(id, strategy.code()));
        return codes;
    }

    @Override
    public void change(Actor actor, long groupId, Object value) {
        assignments.change(actor, groupId, value);
    }
}
