package dev.switchboard.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The numbers the dashboard shows, each answered by one indexed query. */
public interface TicketStatistics {

    /** How long tickets have been in their current status, in these buckets (upper bounds; the last is open-ended). */
    List<Duration> AGE_BUCKETS = List.of(Duration.ofHours(1), Duration.ofHours(8), Duration.ofHours(24),
            Duration.ofDays(3), Duration.ofDays(7));

    /** For one unfinished status: how many tickets, and how many in each age bucket (one more than the bounds). */
    record Aging(TicketStatus status, long total, List<Long> buckets) {
    }

    record Workload(long agentId, String name, long open, long inProgress) {
        public long total() {
            return open + inProgress;
        }
    }

    record Stuck(long id, String subject, TicketStatus status, Instant since, String assigneeName) {
    }

    List<Aging> aging(Instant now);

    List<Workload> workload();

    /**
     * How many unfinished tickets each of these agents holds now (new, open or in progress: pending ones wait
     * on the customer), in one grouped query; an agent with none is answered with 0.
     */
    Map<Long, Long> workloadOf(Collection<Long> agentIds);

    /** Unfinished tickets that have been longest in their status. */
    List<Stuck> stuck(int limit);
}
