package dev.switchboard.sla;

import java.time.Instant;
import java.util.List;

/**
 * A ticket missed a target. Published once per target and due time, inside the sweep's transaction, after
 * the policy's breach actions. {@code managerIds} are the people to tell (the managers of the ticket's
 * group, when the policy notifies managers): the notification module can mail them.
 */
public record SlaBreached(long ticketId, SlaTarget target, long policyId, Instant dueAt, List<Long> managerIds,
                          Instant at) {

    public SlaBreached {
        managerIds = List.copyOf(managerIds);
    }
}
