package dev.switchboard.identity;

/** The person a ticket is for, and the organization their tickets belong to. */
public record Requester(long userId, String name, String email, Long organizationId) {
}
