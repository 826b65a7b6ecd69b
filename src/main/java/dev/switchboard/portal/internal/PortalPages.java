package dev.switchboard.portal.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.intake.InboundMessage;
import dev.switchboard.intake.Intake;
import dev.switchboard.ticket.Attachment;
import dev.switchboard.ticket.AttachmentContent;
import dev.switchboard.ticket.Categories;
import dev.switchboard.ticket.Category;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketFilter;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.Downloads;
import dev.switchboard.web.PageQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer portal: what a customer asked, where it stands in plain words, and the public conversation
 * only. Everything goes through the same intake and ticket rules as every other channel; the ticket
 * module decides what a customer may see.
 */
@Controller
class PortalPages {

    private final Tickets tickets;
    private final Intake intake;
    private final Categories categories;

    PortalPages(Tickets tickets, Intake intake, Categories categories) {
        this.tickets = tickets;
        this.intake = intake;
        this.categories = categories;
    }

    @GetMapping("/portal")
    String home(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("page", tickets.list(TicketFilter.any(), PageQuery.of(50, cursor), actor));
        return "portal/home";
    }

    @GetMapping("/portal/requests/new")
    String form(Actor actor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("categories", categories.all(true));
        model.addAttribute("form", RequestForm.empty());
        return "portal/new";
    }

    @PostMapping("/portal/requests")
    String submit(Actor actor, @RequestParam(defaultValue = "") String subject,
                  @RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "") String description,
                  @RequestParam(defaultValue = "") String urgency,
                  @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model) {
        RequestForm form = new RequestForm(subject.strip(), category, description, urgency);
        List<Attachment> attachments = attachments(files);
        Optional<Category> chosen = category.isBlank() ? Optional.empty() : categories.byName(category);
        List<String> problems = form.problems(chosen, !attachments.isEmpty(), !categories.all(true).isEmpty());
        if (!problems.isEmpty()) {
            model.addAttribute("actor", actor);
            model.addAttribute("categories", categories.all(true));
            model.addAttribute("form", form);
            model.addAttribute("problems", problems);
            return "portal/new";
        }
        long id = intake.receive(new InboundMessage(Channel.WEB, actor.email(), actor.name(), form.subject(),
                form.description(), null, form.urgency().isBlank() ? Priority.NORMAL : Priority.parse("urgency", form.urgency()),
                chosen.map(Category::name).orElse(null), Set.of(), null, false, attachments, Set.of()), actor).ticketId();
        return "redirect:/portal/requests/" + id + "?created";
    }

    @GetMapping("/portal/requests/{id}")
    String request(Actor actor, @PathVariable long id, Model model) {
        TicketView ticket = tickets.get(id, actor);
        List<MessageView> conversation = tickets.messages(id, actor);
        model.addAttribute("actor", actor);
        model.addAttribute("ticket", ticket);
        model.addAttribute("messages", conversation);
        return "portal/request";
    }

    @PostMapping("/portal/requests/{id}/replies")
    String reply(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "") String body,
                 @RequestParam(name = "files", required = false) List<MultipartFile> files, RedirectAttributes flash) {
        List<Attachment> attachments = attachments(files);
        if (body.isBlank() && attachments.isEmpty()) {
            flash.addFlashAttribute("problem", "portal.reply.empty");
            return "redirect:/portal/requests/" + id;
        }
        MessageView posted = tickets.post(id, new NewMessage(body, null, false, Channel.WEB, attachments), actor);
        if (posted.ticketId() != id) {
            flash.addFlashAttribute("followUp", id);
        }
        return "redirect:/portal/requests/" + posted.ticketId() + "#m" + posted.id();
    }

    @PostMapping("/portal/requests/{id}/solved")
    String solved(Actor actor, @PathVariable long id) {
        tickets.markSolved(id, actor);
        return "redirect:/portal/requests/" + id;
    }

    @GetMapping("/portal/requests/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(Actor actor, @PathVariable long id, @PathVariable long attachmentId) {
        AttachmentContent file = tickets.attachment(id, attachmentId, actor);
        return Downloads.attachment(file.filename(), file.content());
    }

    private static List<Attachment> attachments(List<MultipartFile> files) {
        List<Attachment> attachments = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (!file.isEmpty()) {
                try {
                    attachments.add(Attachment.uploaded(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return attachments;
    }

    /** What the customer typed, kept to show the form again with what was missing. */
    record RequestForm(String subject, String category, String description, String urgency) {

        static RequestForm empty() {
            return new RequestForm("", "", "", "normal");
        }

        /** Message keys of what is missing or wrong. */
        List<String> problems(Optional<Category> chosen, boolean hasFiles, boolean categoriesExist) {
            List<String> problems = new ArrayList<>();
            if (subject.isBlank() || subject.length() > 500) {
                problems.add("portal.problem.subject");
            }
            if (categoriesExist && chosen.isEmpty()) {
                problems.add("portal.problem.category");
            }
            if (!urgency.isBlank() && java.util.Arrays.stream(Priority.values()).noneMatch(p -> p.code().equals(urgency))) {
                problems.add("portal.problem.urgency");
            }
            if (description.length() > 200_000) {
                problems.add("portal.problem.description-long");
            }
            chosen.ifPresent(c -> {
                if (c.requires("description") && description.isBlank()) {
                    problems.add("portal.problem.description");
                }
                if (c.requires("urgency") && urgency.isBlank()) {
                    problems.add("portal.problem.urgency-required");
                }
                if (c.requires("attachments") && !hasFiles) {
                    problems.add("portal.problem.attachments");
                }
            });
            return problems;
        }
    }
}
