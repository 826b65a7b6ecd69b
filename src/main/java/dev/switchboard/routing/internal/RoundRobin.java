package dev.switchboard.routing.internal;

import dev.switchboard.identity.UserSummary;
import java.util.List;
import java.util.Optional;

/**
 * Takes turns in the order of agent ids: the next available agent after the one who had the last turn,
 * wrapping around. Agents who are away or offline are skipped, and get their turn again when back.
 */
final class RoundRobin {

    private RoundRobin() {
    }

    static Optional<Long> next(List<UserSummary> candidates, Long lastAgentId) {
        List<Long> ids = candidates.stream().filter(UserSummary::takesNewWork).map(UserSummary::id).sorted().toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return ids.stream().filter(id -> lastAgentId != null && id > lastAgentId).findFirst()
                .or(() -> Optional.of(ids.get(0)));
    }
}
