package dev.switchboard.identity;

/** A user as other modules see them. */
public record UserSummary(long id, String name, String email, Role role, Long organizationId, boolean active) {
}
