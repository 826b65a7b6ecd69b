package dev.switchboard.ticket;

import java.time.Instant;

/** One line of a ticket's history: who (a user, or the named system job) changed what, and when. */
public record HistoryEntry(Instant occurredAt, Long actorId, String actorName, String actorSystem, String action,
                           String field, String oldValue, String newValue, String reason) {
}
