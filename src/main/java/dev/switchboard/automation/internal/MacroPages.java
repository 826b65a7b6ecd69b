package dev.switchboard.automation.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.GroupSummary;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The team's macros page: every agent sees the shared macros and their own; they make and change their own,
 * admins also the shared ones. Actions are rows of a form (added, removed and re-typed with htmx). The same
 * rules and audit trail as the API; a refused form comes back as typed, each reason next to its field.
 */
@Controller
@RequestMapping("/macros")
class MacroPages {

    private final Macros macros;
    private final UserDirectory directory;
    private final MessageSource messages;

    MacroPages(Macros macros, UserDirectory directory, MessageSource messages) {
        this.macros = macros;
        this.directory = directory;
        this.messages = messages;
    }

    @ModelAttribute
    void teamOnly(Actor actor, Model model) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("Macros are for the team.");
        }
        model.addAttribute("actor", actor);
        model.addAttribute("errors", Map.of());
    }

    @GetMapping
    String list(Actor actor, Model model) {
        List<Macro> visible = macros.visibleTo(actor);
        model.addAttribute("macros", visible);
        model.addAttribute("editable", visible.stream().filter(m -> m.editableBy(actor)).map(Macro::id)
                .collect(Collectors.toSet()));
        names(model);
        return "automation/macro-list";
    }

    @GetMapping("/new")
    String newMacro(Model model) {
        return formPage(model, MacroForm.blank());
    }

    @GetMapping("/{id}")
    String edit(Actor actor, @PathVariable long id, Model model) {
        return formPage(model, MacroForm.of(editable(actor, id)));
    }

    @PostMapping
    String create(Actor actor, @RequestParam MultiValueMap<String, String> params, Model model,
                  RedirectAttributes flash) {
        MacroForm form = MacroForm.from(null, params.containsKey("shared"), params);
        try {
            Macro macro = macros.create(actor, form.draft(true));
            flash.addFlashAttribute("notice", say("macros.created", macro.name()));
            return "redirect:/macros#macro-" + macro.id();
        } catch (InvalidRequest e) {
            model.addAttribute("errors", errors(e));
            return formPage(model, form);
        } catch (ErrorResponseException e) {
            model.addAttribute("error", e.getBody().getDetail());
            return formPage(model, form);
        }
    }

    @PostMapping("/{id}")
    String change(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
                  RedirectAttributes flash) {
        Macro before = editable(actor, id);
        MacroForm form = MacroForm.from(id, before.shared(), params);
        try {
            Macro macro = macros.change(actor, id, form.draft(false));
            flash.addFlashAttribute("notice", say("macros.saved", macro.name()));
            return "redirect:/macros#macro-" + id;
        } catch (InvalidRequest e) {
            model.addAttribute("errors", errors(e));
            return formPage(model, form);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        String name = editable(actor, id).name();
        macros.delete(actor, id);
        flash.addFlashAttribute("notice", say("macros.deleted", name));
        return "redirect:/macros";
    }

    /** An action row of this type (a new row, or one whose type was just changed). */
    @GetMapping("/action-row")
    String actionRow(@RequestParam(name = "action_type", defaultValue = "reply") String type, Model model) {
        model.addAttribute("row", new MacroForm.Row(MacroForm.TYPES.contains(type) ? type : "reply", "", ""));
        choices(model);
        return "automation/macro-rows :: action";
    }

    /** What a row's Remove button asks for: nothing, and htmx takes the row away. */
    @GetMapping("/removed-row")
    @ResponseBody
    String removedRow() {
        return "";
    }

    /** A macro this person may change: shared ones are the admins', personal ones their owner's. */
    private Macro editable(Actor actor, long id) {
        Macro macro = macros.get(id, actor);
        if (!macro.editableBy(actor)) {
            throw Problems.forbidden("Only admins change shared macros.");
        }
        return macro;
    }

    private String formPage(Model model, MacroForm form) {
        model.addAttribute("form", form);
        choices(model);
        return "automation/macro";
    }

    private void choices(Model model) {
        model.addAttribute("actionTypes", MacroForm.TYPES);
        model.addAttribute("placeholders", MacroTemplate.PLACEHOLDERS.split(", "));
        model.addAttribute("statuses", Arrays.stream(TicketStatus.values()).map(TicketStatus::code).toList());
        model.addAttribute("priorities", Arrays.stream(Priority.values()).map(Priority::code).toList());
        model.addAttribute("groups", directory.groups());
        model.addAttribute("staff", directory.staff());
    }

    private void names(Model model) {
        model.addAttribute("groupNames", directory.groups().stream()
                .collect(Collectors.toMap(GroupSummary::id, GroupSummary::name)));
        model.addAttribute("staffNames", directory.staff().stream()
                .collect(Collectors.toMap(UserSummary::id, UserSummary::name)));
    }

    /** Each field's reason, by the field's name as the API gives it ({@code actions[0].body}). */
    private static Map<String, String> errors(InvalidRequest e) {
        return e.problems().stream().collect(Collectors.toMap(InvalidRequest.FieldProblem::field,
                InvalidRequest.FieldProblem::message, (a, b) -> a + "; " + b, LinkedHashMap::new));
    }

    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
