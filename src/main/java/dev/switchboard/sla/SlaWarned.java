package dev.switchboard.sla;

import java.time.Instant;

/**
 * A ticket has used the policy's warning share (80% by default) of a target's business time. Published once
 * per target and due time, inside the sweep's transaction.
 */
public record SlaWarned(long ticketId, SlaTarget target, long policyId, Instant dueAt, Instant at) {
}
