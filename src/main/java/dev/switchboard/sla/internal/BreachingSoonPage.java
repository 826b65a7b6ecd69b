package dev.switchboard.sla.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.sla.Sla;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.Problems;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The workspace view of unfinished tickets whose next SLA target falls due soonest, from the indexed due times. */
@Controller
class BreachingSoonPage {

    static final Duration WITHIN = Duration.ofHours(4);

    private final Sla sla;
    private final Tickets tickets;

    BreachingSoonPage(Sla sla, Tickets tickets) {
        this.sla = sla;
        this.tickets = tickets;
    }

    @GetMapping("/tickets/breaching-soon")
    String breachingSoon(Actor actor, Model model) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("The queue is for the team.");
        }
        List<TicketView> due = sla.breachingSoon(WITHIN, 50).stream().map(id -> tickets.get(id, actor)).toList();
        model.addAttribute("actor", actor);
        model.addAttribute("tickets", due);
        return "sla/breaching";
    }
}
