package dev.switchboard.automation.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.GroupSummary;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The macros beside a ticket: the ticket page loads this list with htmx, each macro with a preview of
 * what it would do, and applies one in one click.
 */
@Controller
class MacroPanel {

    private final Macros macros;
    private final Tickets tickets;
    private final UserDirectory directory;

    MacroPanel(Macros macros, Tickets tickets, UserDirectory directory) {
        this.macros = macros;
        this.tickets = tickets;
        this.directory = directory;
    }

    @GetMapping("/tickets/{id}/macros")
    String list(Actor actor, @PathVariable long id, Model model) {
        TicketView ticket = tickets.get(id, actor);
        List<Macros.Preview> previews = macros.visibleTo(actor).stream()
                .map(m -> macros.preview(id, m.id(), actor)).toList();
        model.addAttribute("ticket", ticket);
        model.addAttribute("previews", previews);
        model.addAttribute("groupNames", directory.groups().stream()
                .collect(Collectors.toMap(GroupSummary::id, GroupSummary::name)));
        model.addAttribute("staffNames", directory.staff().stream()
                .collect(Collectors.toMap(UserSummary::id, UserSummary::name)));
        return "automation/macros :: list";
    }

    @PostMapping("/tickets/{id}/macros/{macroId}")
    String apply(Actor actor, @PathVariable long id, @PathVariable long macroId, @RequestParam int version,
                 RedirectAttributes flash) {
        try {
            macros.apply(id, macroId, version, actor);
        } catch (ErrorResponseException e) {
            flash.addFlashAttribute("error", e.getBody().getDetail());
        }
        return "redirect:/tickets/" + id;
    }
}
