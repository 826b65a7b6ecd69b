package dev.switchboard.ticket.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.ticket.CloseReason;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.TicketFilter;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.PageQuery;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The first pages: the ticket list and the ticket page, for agents (and, read-mostly, for customers). */
@Controller
class TicketPages {

    record View(String key, String title) {
    }

    private static final List<View> STAFF_VIEWS = List.of(new View("active", "All active"), new View("mine", "My tickets"),
            new View("unassigned", "Unassigned"), new View("pending", "Pending"), new View("resolved", "Resolved"),
            new View("all", "All"));
    private static final List<View> CUSTOMER_VIEWS = List.of(new View("active", "Open requests"), new View("all", "All requests"));
    private static final EnumSet<TicketStatus> ACTIVE = EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN,
            TicketStatus.IN_PROGRESS, TicketStatus.PENDING);

    private final Tickets tickets;
    private final UserDirectory directory;

    TicketPages(Tickets tickets, UserDirectory directory) {
        this.tickets = tickets;
        this.directory = directory;
    }

    @GetMapping("/tickets")
    String list(Actor actor, @RequestParam(defaultValue = "active") String view,
                @RequestParam(required = false) String cursor, Model model) {
        List<View> views = actor.isStaff() ? STAFF_VIEWS : CUSTOMER_VIEWS;
        View chosen = views.stream().filter(v -> v.key().equals(view)).findFirst().orElse(views.get(0));
        TicketFilter filter = switch (chosen.key()) {
            case "mine" -> new TicketFilter(ACTIVE, actor.userId(), false, null, null, null);
            case "unassigned" -> new TicketFilter(ACTIVE, null, true, null, null, null);
            case "pending" -> new TicketFilter(EnumSet.of(TicketStatus.PENDING), null, false, null, null, null);
            case "resolved" -> new TicketFilter(EnumSet.of(TicketStatus.RESOLVED), null, false, null, null, null);
            case "all" -> TicketFilter.any();
            default -> new TicketFilter(ACTIVE, null, false, null, null, null);
        };
        model.addAttribute("actor", actor);
        model.addAttribute("views", views);
        model.addAttribute("view", chosen.key());
        model.addAttribute("viewTitle", chosen.title());
        model.addAttribute("page", tickets.list(filter, PageQuery.of(50, cursor), actor));
        return "ticket/list";
    }

    @GetMapping("/tickets/{id}")
    String show(Actor actor, @PathVariable long id, Model model) {
        TicketView ticket = tickets.get(id, actor);
        List<MessageView> messages = tickets.messages(id, actor);
        model.addAttribute("actor", actor);
        model.addAttribute("ticket", ticket);
        model.addAttribute("messages", messages);
        if (actor.isStaff()) {
            model.addAttribute("targets", TicketStatus.parse("status", ticket.status()).agentTargets().stream()
                    .map(TicketStatus::code).toList());
            model.addAttribute("priorities", Arrays.stream(Priority.values()).map(Priority::code).toList());
            model.addAttribute("staff", directory.staff());
            model.addAttribute("history", tickets.history(id, actor));
        }
        return "ticket/show";
    }

    @PostMapping("/tickets/{id}/messages")
    String post(Actor actor, @PathVariable long id, @RequestParam String body,
                @RequestParam(defaultValue = "false") boolean internal, RedirectAttributes flash) {
        try {
            MessageView message = tickets.post(id, new NewMessage(body, null, internal, null), actor);
            if (message.ticketId() != id) {
                flash.addFlashAttribute("notice", "Ticket #" + id + " was closed, so your message opened this follow-up.");
            }
            return "redirect:/tickets/" + message.ticketId() + "#m" + message.id();
        } catch (ErrorResponseException e) {
            return failed(e, id, flash);
        }
    }

    @PostMapping("/tickets/{id}")
    String change(Actor actor, @PathVariable long id, @RequestParam int version,
                  @RequestParam(required = false) String status, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String priority,
                  @RequestParam(name = "assigneeId", required = false) Long assigneeId, RedirectAttributes flash) {
        try {
            tickets.change(id, new TicketChange(version, false,
                    status == null || status.isBlank() ? null : TicketStatus.parse("status", status),
                    reason == null || reason.isBlank() ? null : CloseReason.parse("reason", reason),
                    priority == null || priority.isBlank() ? null : Priority.parse("priority", priority),
                    Optional.ofNullable(assigneeId), null, null, null), actor);
            flash.addFlashAttribute("notice", "Saved.");
            return "redirect:/tickets/" + id;
        } catch (ErrorResponseException e) {
            return failed(e, id, flash);
        }
    }

    /** A refused change comes back to the ticket page with the reason, instead of an error page. */
    private static String failed(ErrorResponseException e, long id, RedirectAttributes flash) {
        if (e.getStatusCode().value() == 404) {
            throw e;
        }
        flash.addFlashAttribute("error", e.getBody().getDetail());
        return "redirect:/tickets/" + id;
    }
}
