package dev.switchboard.identity;

/**
 * A user as other modules see them, with how they want to be told of things: {@code locale} (en, ru)
 * and whether they get email notifications; and, for agents, whether they take new work now
 * ({@code availability}: available, away, offline) and how many unfinished tickets they can carry ({@code capacity}).
 */
public record UserSummary(long id, String name, String email, Role role, Long organizationId, boolean active,
                          String locale, boolean emailNotifications, String availability, int capacity) {

    public static final java.util.List<String> AVAILABILITIES = java.util.List.of("available", "away", "offline");

    /** An active agent or admin who says they are available: the one new work may go to. */
    public boolean takesNewWork() {
        return active && role.isStaff() && "available".equals(availability);
    }
}
