package dev.switchboard.sla;

import java.time.Instant;

/**
 * The record for reports: whether a ticket met a target, and by how much business time ({@code
 * marginSeconds}: to spare when met, negative by how late when missed).
 */
public record SlaOutcome(long ticketId, SlaTarget target, long policyId, String priority, Instant dueAt,
                         Instant metAt, boolean met, long marginSeconds) {
}
