package dev.switchboard.identity;

import java.io.Serializable;

/**
 * Who is doing something: a signed-in user, or a named system job. Every change in Switchboard is
 * recorded against an actor.
 *
 * @param organizationShared whether the user's organization lets members see each other's tickets
 */
public record Actor(Long userId, String name, String email, Role role, Long organizationId,
                    boolean organizationShared) implements Serializable {

    public static Actor system(String job) {
        return new Actor(null, job, null, Role.SYSTEM, null, false);
    }

    public boolean isSystem() {
        return role == Role.SYSTEM;
    }

    public boolean isStaff() {
        return role.isStaff();
    }

    public boolean isAdmin() {
        return role == Role.ADMIN || role == Role.SYSTEM;
    }

    public boolean isCustomer() {
        return role == Role.CUSTOMER;
    }

    /** The job's name for system actors, else null: what the history shows in place of a user. */
    public String systemJob() {
        return isSystem() ? name : null;
    }
}
