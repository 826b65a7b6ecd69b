package dev.switchboard.automation.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.web.InvalidRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin pages for triggers: the list by event in the order they run (move up and down, switch on and
 * off, how often each fired lately), and the form to make or change one — conditions and actions as rows
 * (htmx adds rows; without script one empty row of each is always there), the webhook signing secret and the
 * latest runs. "New auto-reply" starts the form as an out-of-hours answer to new tickets. A refused form
 * comes back with what was typed and each reason beside its field.
 */
@Controller
@RequestMapping("/admin/triggers")
class TriggerPages {

    private final Triggers triggers;
    private final TriggerRunRecords runs;
    private final UserDirectory directory;
    private final MessageSource messages;
    private final Clock clock;

    TriggerPages(Triggers triggers, TriggerRunRecords runs, UserDirectory directory, MessageSource messages,
                 Clock clock) {
        this.triggers = triggers;
        this.runs = runs;
        this.directory = directory;
        this.messages = messages;
        this.clock = clock;
    }

    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    @GetMapping
    String list(Actor actor, Model model) {
        List<Trigger> all = triggers.all(actor);
        Map<String, List<Trigger>> byEvent = new LinkedHashMap<>();
        for (TriggerEvent event : TriggerEvent.values()) {
            List<Trigger> of = all.stream().filter(t -> t.event().equals(event.code())).toList();
            if (!of.isEmpty()) {
                byEvent.put(event.code(), of);
            }
        }
        model.addAttribute("actor", actor);
        model.addAttribute("byEvent", byEvent);
        model.addAttribute("activity", runs.activitySince(clock.instant().minus(Duration.ofDays(1))));
        return "automation/triggers";
    }

    @GetMapping("/new")
    String create(Actor actor, @RequestParam(required = false) String preset, Model model) {
        Triggers.requireAdmin(actor);
        return form(actor, model, "auto-reply".equals(preset) ? TriggerForm.autoReply(say("triggers.auto-reply.name"))
                : TriggerForm.empty(), Map.of(), null);
    }

    @PostMapping
    String create(Actor actor, @RequestParam Map<String, String> params, Model model, RedirectAttributes flash) {
        Triggers.requireAdmin(actor);
        TriggerForm form = TriggerForm.of(null, params);
        try {
            Trigger trigger = triggers.create(actor, form.draft());
            flash.addFlashAttribute("notice", say("triggers.created"));
            return "redirect:/admin/triggers/" + trigger.id();
        } catch (ErrorResponseException e) {
            return refused(actor, model, form, e);
        }
    }

    @GetMapping("/{id}")
    String edit(Actor actor, @PathVariable long id, Model model) {
        return form(actor, model, TriggerForm.of(triggers.get(actor, id)), Map.of(), null);
    }

    @PostMapping("/{id}")
    String change(Actor actor, @PathVariable long id, @RequestParam Map<String, String> params, Model model,
                  RedirectAttributes flash) {
        triggers.get(actor, id);
        TriggerForm form = TriggerForm.of(id, params);
        try {
            triggers.change(actor, id, form.draft());
            flash.addFlashAttribute("notice", say("triggers.saved"));
            return "redirect:/admin/triggers/" + id;
        } catch (ErrorResponseException e) {
            return refused(actor, model, form, e);
        }
    }

    @PostMapping("/{id}/active")
    String switchOnOff(Actor actor, @PathVariable long id, @RequestParam boolean active, RedirectAttributes flash) {
        triggers.change(actor, id, new Triggers.Draft(null, null, null, null, null, active));
        flash.addFlashAttribute("notice", say(active ? "triggers.switched-on" : "triggers.switched-off"));
        return "redirect:/admin/triggers";
    }

    @PostMapping("/{id}/move")
    String move(Actor actor, @PathVariable long id, @RequestParam String direction) {
        triggers.move(actor, id, "up".equals(direction));
        return "redirect:/admin/triggers";
    }

    @PostMapping("/{id}/secret")
    String rotateSecret(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        triggers.rotateSecret(actor, id);
        flash.addFlashAttribute("notice", say("triggers.secret.rotated"));
        return "redirect:/admin/triggers/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        Trigger trigger = triggers.get(actor, id);
        triggers.delete(actor, id);
        flash.addFlashAttribute("notice", say("triggers.deleted", trigger.name()));
        return "redirect:/admin/triggers";
    }

    /** One more condition row, and the button that adds the next (htmx). */
    @GetMapping("/rows/condition")
    String conditionRow(Actor actor, @RequestParam int index, Model model) {
        Triggers.requireAdmin(actor);
        choices(model);
        model.addAttribute("row", TriggerForm.ConditionRow.EMPTY);
        model.addAttribute("index", Math.max(0, Math.min(index, 999)));
        model.addAttribute("errors", Map.of());
        return "automation/trigger-rows :: added-condition";
    }

    @GetMapping("/rows/action")
    String actionRow(Actor actor, @RequestParam int index, Model model) {
        Triggers.requireAdmin(actor);
        choices(model);
        model.addAttribute("row", TriggerForm.ActionRow.EMPTY);
        model.addAttribute("index", Math.max(0, Math.min(index, 999)));
        model.addAttribute("errors", Map.of());
        return "automation/trigger-rows :: added-action";
    }

    private String refused(Actor actor, Model model, TriggerForm form, ErrorResponseException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (e instanceof InvalidRequest invalid && invalid.getBody().getProperties() != null
                && invalid.getBody().getProperties().get("errors") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> problem) {
                    errors.merge(String.valueOf(problem.get("field")), String.valueOf(problem.get("message")),
                            (a, b) -> a + "; " + b);
                }
            }
        }
        return form(actor, model, form, errors, e.getBody().getDetail());
    }

    private String form(Actor actor, Model model, TriggerForm form, Map<String, String> errors, String error) {
        Triggers.requireAdmin(actor);
        model.addAttribute("actor", actor);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("error", error);
        choices(model);
        if (form.id() != null) {
            model.addAttribute("secret", triggers.secret(actor, form.id()));
            model.addAttribute("runs", runs.latest(form.id(), 20));
        }
        return "automation/trigger";
    }

    private void choices(Model model) {
        model.addAttribute("events", TriggerEvent.codes());
        model.addAttribute("fields", TriggerFacts.FIELDS);
        model.addAttribute("operators", triggers.operators());
        model.addAttribute("types", TriggerAction.Type.codes());
        model.addAttribute("recipients", TriggerAction.RECIPIENTS);
        model.addAttribute("statuses", Arrays.stream(TicketStatus.values()).filter(s -> s != TicketStatus.NEW)
                .map(TicketStatus::code).toList());
        model.addAttribute("priorities", Arrays.stream(Priority.values()).map(Priority::code).toList());
        model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::code).toList());
        model.addAttribute("groups", directory.groups());
        model.addAttribute("staff", directory.staff());
        model.addAttribute("placeholders", MacroTemplate.PLACEHOLDERS);
        model.addAttribute("webhookPlaceholders", String.join(", ", WebhookBody.PLACEHOLDERS.stream()
                .map(p -> "{{" + p + "}}").toList()));
    }
}
