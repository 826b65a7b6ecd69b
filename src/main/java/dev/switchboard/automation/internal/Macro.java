package dev.switchboard.automation.internal;

import dev.switchboard.identity.Actor;
import java.time.Instant;
import java.util.List;

/** A named list of actions an agent applies to a ticket in one go; shared with the team when it has no owner. */
record Macro(long id, String name, Long ownerId, List<MacroAction> actions, Instant createdAt, Instant updatedAt) {

    boolean shared() {
        return ownerId == null;
    }

    boolean visibleTo(Actor actor) {
        return actor.isStaff() && (shared() || ownerId.equals(actor.userId()));
    }

    /** Shared macros are the admins'; a personal one is its owner's alone. */
    boolean editableBy(Actor actor) {
        return shared() ? actor.isAdmin() : ownerId.equals(actor.userId());
    }
}
