package dev.switchboard.routing.internal;

import dev.switchboard.identity.UserSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The available agent with the lowest load for their capacity (unfinished tickets / capacity); ties go to
 * the one with fewer tickets, then the lower id. An agent at or over capacity gets nothing.
 */
final class LeastLoaded {

    private LeastLoaded() {
    }

    static Optional<Long> pick(List<UserSummary> candidates, Map<Long, Long> workload) {
        return candidates.stream()
                .filter(UserSummary::takesNewWork)
                .filter(a -> workload.getOrDefault(a.id(), 0L) < a.capacity())
                .min(Comparator.<UserSummary>comparingDouble(a -> (double) workload.getOrDefault(a.id(), 0L) / a.capacity())
                        .thenComparing(a -> workload.getOrDefault(a.id(), 0L))
                        .thenComparing(UserSummary::id))
                .map(UserSummary::id);
    }
}
