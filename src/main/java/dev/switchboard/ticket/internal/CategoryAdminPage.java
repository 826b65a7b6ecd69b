package dev.switchboard.ticket.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.Categories;
import dev.switchboard.web.Problems;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Categories and the request-form fields each one requires. */
@Controller
class CategoryAdminPage {

    private final Categories categories;

    CategoryAdminPage(Categories categories) {
        this.categories = categories;
    }

    @GetMapping("/admin/categories")
    String list(Actor actor, Model model) {
        requireAdmin(actor);
        model.addAttribute("actor", actor);
        model.addAttribute("categories", categories.all(false));
        model.addAttribute("fields", List.of("description", "urgency", "attachments"));
        return "admin/categories";
    }

    @PostMapping("/admin/categories")
    String create(Actor actor, @RequestParam String name, @RequestParam(name = "required", required = false) List<String> required,
                  @RequestParam(defaultValue = "0") int position, RedirectAttributes flash) {
        requireAdmin(actor);
        return attempt(flash, () -> categories.create(actor, name, set(required), position));
    }

    @PostMapping("/admin/categories/{id}")
    String change(Actor actor, @PathVariable long id, @RequestParam String name,
                  @RequestParam(name = "required", required = false) List<String> required,
                  @RequestParam(defaultValue = "0") int position, @RequestParam(defaultValue = "false") boolean active,
                  RedirectAttributes flash) {
        requireAdmin(actor);
        return attempt(flash, () -> categories.change(actor, id, name, set(required), position, active));
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage categories.");
        }
    }

    private static String attempt(RedirectAttributes flash, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("notice", "admin.saved");
        } catch (ErrorResponseException e) {
            flash.addFlashAttribute("error", e.getBody().getDetail());
        }
        return "redirect:/admin/categories";
    }
}
