package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where "/" leads: customers to their portal, the team to the ticket queue. */
@Controller
class HomePage {

    @GetMapping("/")
    String home(Actor actor) {
        return actor.isCustomer() ? "redirect:/portal" : "redirect:/tickets";
    }
}
