package dev.switchboard.identity;

/**
 * A user as other modules see them, with how they want to be told of things: {@code locale} (en, ru)
 * and whether they get email notifications.
 */
public record UserSummary(long id, String name, String email, Role role, Long organizationId, boolean active,
                          String locale, boolean emailNotifications) {
}
