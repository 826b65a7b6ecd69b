package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserSummary;
import java.time.Instant;

/** A user as stored, with whether their organization shares tickets among its members. */
record UserRow(long id, String name, String email, Role role, Long organizationId, boolean organizationShared,
               String passwordHash, boolean active, String locale, boolean emailNotifications, Instant createdAt,
               Instant updatedAt, String availability, int capacity) {

    Actor actor() {
        return new Actor(id, name, email, role, organizationId, organizationShared);
    }

    UserSummary summary() {
        return new UserSummary(id, name, email, role, organizationId, active, locale, emailNotifications, availability,
                capacity);
    }
}
