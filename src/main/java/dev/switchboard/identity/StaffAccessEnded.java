package dev.switchboard.identity;

import java.time.Instant;

/**
 * An agent or admin was deactivated or became a customer: they can no longer own work. Published inside
 * the transaction of the change, so what depends on it (ticket assignments) changes with it.
 */
public record StaffAccessEnded(long userId, Actor actor, Instant at) {
}
