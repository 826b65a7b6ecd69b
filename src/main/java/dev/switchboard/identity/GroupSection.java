package dev.switchboard.identity;

import java.util.Collection;
import java.util.Map;

/**
 * A module that keeps more about groups (routing keeps how each group hands out its tickets) adds it to the
 * group's API representation as a named top-level field, and takes changes to that field through
 * {@code POST /api/v1/groups} and {@code PATCH /api/v1/groups/{id}}, without the identity module depending
 * on it.
 */
public interface GroupSection {

    /** The field name in the group's JSON, e.g. {@code assignment}. */
    String name();

    /** The section's value for each of these groups; called once for a whole list. */
    Map<Long, Object> forGroups(Collection<Long> groupIds);

    /**
     * Checks and saves a new value for one group, inside the transaction that changes (or creates) the group,
     * and writes its own audit line. A value that cannot be used is an {@code InvalidRequest} naming the field,
     * and nothing of the group's change is kept.
     */
    void change(Actor actor, long groupId, Object value);
}
