package dev.switchboard.analytics.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.TicketStatistics;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The manager's one honest page: what is open, how long it has waited in its status, who carries how
 * much, and what is stuck, each number a link to the tickets behind it.
 */
@Controller
class DashboardPage {

    /** The numbers as taken at one moment. */
    record Snapshot(List<TicketStatistics.Aging> aging, List<TicketStatistics.Workload> workload,
                    List<TicketStatistics.Stuck> stuck, Instant takenAt) {
    }

    private final TicketStatistics statistics;
    private final Clock clock;
    private final Duration keep;
    private final AtomicReference<Snapshot> last = new AtomicReference<>();

    /**
     * @param keep how long a node shows the same numbers: counting every unfinished ticket of a large
     *             helpdesk on each view would cost more than numbers a few seconds old are worth
     */
    DashboardPage(TicketStatistics statistics, Clock clock,
                  @Value("${switchboard.dashboard.refresh:10s}") Duration keep) {
        this.statistics = statistics;
        this.clock = clock;
        this.keep = keep;
    }

    private Snapshot snapshot() {
        Instant now = clock.instant();
        Snapshot current = last.get();
        if (current == null || keep.isZero() || current.takenAt().plus(keep).isBefore(now)) {
            current = new Snapshot(statistics.aging(now), statistics.workload(), statistics.stuck(10), now);
            last.set(current);
        }
        return current;
    }

    @GetMapping("/dashboard")
    String dashboard(Actor actor, Model model) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("The dashboard is for the team.");
        }
        Snapshot numbers = snapshot();
        model.addAttribute("actor", actor);
        model.addAttribute("aging", numbers.aging());
        model.addAttribute("buckets", TicketStatistics.AGE_BUCKETS.size() + 1);
        model.addAttribute("workload", numbers.workload());
        model.addAttribute("stuck", numbers.stuck());
        model.addAttribute("takenAt", numbers.takenAt());
        return "dashboard/index";
    }
}
