package dev.switchboard.analytics.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.TicketStatistics;
import dev.switchboard.web.Problems;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The manager's one honest page: what is open, how long it has waited in its status, who carries how
 * much, and what is stuck, each number a link to the tickets behind it.
 */
@Controller
class DashboardPage {

    private final TicketStatistics statistics;
    private final Clock clock;

    DashboardPage(TicketStatistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    @GetMapping("/dashboard")
    String dashboard(Actor actor, Model model) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("The dashboard is for the team.");
        }
        model.addAttribute("actor", actor);
        model.addAttribute("aging", statistics.aging(clock.instant()));
        model.addAttribute("buckets", TicketStatistics.AGE_BUCKETS.size() + 1);
        model.addAttribute("workload", statistics.workload());
        model.addAttribute("stuck", statistics.stuck(10));
        model.addAttribute("now", clock.instant());
        return "dashboard/index";
    }
}
