package dev.switchboard.notification.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.Problems;
import dev.switchboard.notification.internal.NotificationTemplates.Template;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The notification templates page: every notification in English and Russian, whether an admin changed it,
 * and per template an editor for the subject, text and HTML with the placeholders it may use, a preview
 * filled in from a sample ticket, and a reset to the shipped default. Saving and resetting go through
 * {@link TemplateChanges}: the API's checks and the audit trail.
 *
 * <p>The preview is a page of its own, shown in a frame: the HTML of a mail is written with inline styles,
 * which the site's content security policy forbids, so the preview answers with a policy of its own that
 * allows inline styles and nothing active ({@code sandbox}, no scripts, no requests), framed only by us.
 */
@Controller
@RequestMapping("/admin/notifications")
class NotificationTemplatePages {

    /**
     * A row of the index: one notification, per language whether it is the default or when it was changed,
     * and whether it is sent (and may be turned off).
     */
    record Row(TemplateKey key, Map<String, Instant> changedAt, boolean sent, boolean switchable) {
    }

    /** What the preview frame may do: show the mail, with its inline styles and images, and nothing else. */
    static final String PREVIEW_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data: https: http:; frame-ancestors 'self'";

    private final NotificationTemplates templates;
    private final TemplateRecords records;
    private final TemplateChanges changes;
    private final MessageSource messages;
    private final NotificationSwitches switches;
    private final String baseUrl;

    NotificationTemplatePages(NotificationTemplates templates, TemplateRecords records, TemplateChanges changes,
                              MessageSource messages, NotificationSwitches switches,
                              @Value("${switchboard.base-url:http://localhost:8080}") String baseUrl) {
        this.templates = templates;
        this.records = records;
        this.changes = changes;
        this.messages = messages;
        this.switches = switches;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @ModelAttribute
    void adminsOnly(Actor actor, Model model) {
        TemplateChanges.requireAdmin(actor);
        model.addAttribute("actor", actor);
    }

    @GetMapping
    String index(Model model) {
        Map<String, Instant> saved = records.savedAt();
        Map<TemplateKey, Boolean> sent = switches.all();
        List<Row> rows = new ArrayList<>();
        for (TemplateKey key : TemplateKey.values()) {
            Map<String, Instant> changed = new LinkedHashMap<>();
            for (String locale : NotificationTemplates.LOCALES) {
                changed.put(locale, saved.get(key.code() + "/" + locale));
            }
            rows.add(new Row(key, changed, sent.get(key), key.switchable()));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("locales", NotificationTemplates.LOCALES);
        return "notification/templates";
    }

    @GetMapping("/{key}/{locale}")
    String edit(@PathVariable String key, @PathVariable String locale, Model model) {
        TemplateKey template = TemplateChanges.key(key, locale);
        return editor(model, template, locale, templates.current(template, locale), Map.of());
    }

    @PostMapping("/{key}/{locale}")
    String save(Actor actor, @PathVariable String key, @PathVariable String locale,
                @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String text,
                @RequestParam(defaultValue = "") String html, Model model, RedirectAttributes flash) {
        TemplateKey template = TemplateChanges.key(key, locale);
        Template draft = new Template(subject.strip(), text, html);
        Map<String, String> errors = new LinkedHashMap<>(required(draft));
        if (errors.isEmpty()) {
            try {
                changes.save(actor, template, locale, draft);
                flash.addFlashAttribute("notice", say("templates.saved"));
                return "redirect:/admin/notifications/" + key + "/" + locale;
            } catch (ErrorResponseException refused) {
                errors.putAll(fieldErrors(refused));
            }
        }
        model.addAttribute("error", say("templates.not-saved"));
        return editor(model, template, locale, draft, errors);
    }

    /** Turns an automatic notification off or on again (audited); the list says which are sent. */
    @PostMapping("/{key}/switch")
    String turn(Actor actor, @PathVariable String key, @RequestParam boolean enabled, RedirectAttributes flash) {
        TemplateKey template = TemplateKey.ofCode(key).orElseThrow(() -> Problems.notFound("Notification " + key));
        switches.set(actor, template, enabled);
        flash.addFlashAttribute("notice", say(enabled ? "templates.turned-on" : "templates.turned-off",
                say("templates.key." + template.code())));
        return "redirect:/admin/notifications";
    }

    @PostMapping("/{key}/{locale}/reset")
    String reset(Actor actor, @PathVariable String key, @PathVariable String locale, RedirectAttributes flash) {
        TemplateKey template = TemplateChanges.key(key, locale);
        flash.addFlashAttribute("notice", say(changes.reset(actor, template, locale) ? "templates.reset-done"
                : "templates.reset-nothing"));
        return "redirect:/admin/notifications/" + key + "/" + locale;
    }

    /** The template as saved, filled in from the sample ticket (what the frame shows when the editor opens). */
    @GetMapping("/{key}/{locale}/preview")
    String previewSaved(@PathVariable String key, @PathVariable String locale, Model model,
                        HttpServletResponse response) {
        TemplateKey template = TemplateChanges.key(key, locale);
        return preview(model, response, template, locale, templates.current(template, locale));
    }

    /** The editor's text as typed, not saved, filled in from the sample ticket (the editor's Preview button). */
    @PostMapping("/{key}/{locale}/preview")
    String previewDraft(@PathVariable String key, @PathVariable String locale,
                        @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String text,
                        @RequestParam(defaultValue = "") String html, Model model, HttpServletResponse response) {
        TemplateKey template = TemplateChanges.key(key, locale);
        return preview(model, response, template, locale, new Template(subject.strip(), text, html));
    }

    private String preview(Model model, HttpServletResponse response, TemplateKey key, String locale, Template draft) {
        // frame-ancestors 'self' lets our own page frame it: browsers ignore X-Frame-Options (DENY, set for
        // every page) when the policy names frame-ancestors
        response.setHeader("Content-Security-Policy", PREVIEW_POLICY);
        response.setHeader("Cache-Control", "no-store");
        List<FieldProblem> problems = new ArrayList<>();
        required(draft).forEach((field, message) -> problems.add(new FieldProblem(field, message)));
        if (problems.isEmpty()) {
            problems.addAll(templates.problems(key, draft));
        }
        model.addAttribute("problems", problems);
        if (problems.isEmpty()) {
            model.addAttribute("mail", templates.render(draft, TemplateModel.sample(locale, baseUrl)));
        }
        model.addAttribute("locale", locale);
        return "notification/preview";
    }

    private String editor(Model model, TemplateKey key, String locale, Template shown, Map<String, String> errors) {
        model.addAttribute("key", key);
        model.addAttribute("locale", locale);
        model.addAttribute("template", shown);
        model.addAttribute("errors", errors);
        model.addAttribute("placeholders", key.placeholderList());
        model.addAttribute("override", templates.override(key, locale).orElse(null));
        model.addAttribute("otherLocale", NotificationTemplates.LOCALES.stream().filter(l -> !l.equals(locale))
                .findFirst().orElse(locale));
        return "notification/template";
    }

    /** Each part is required; an empty one is named before anything is compiled. */
    private Map<String, String> required(Template draft) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (draft.subject().isBlank()) {
            errors.put("subject", say("templates.required"));
        }
        if (draft.text().isBlank()) {
            errors.put("text", say("templates.required"));
        }
        if (draft.html().isBlank()) {
            errors.put("html", say("templates.required"));
        }
        if (draft.subject().length() > 1000) {
            errors.put("subject", say("templates.too-long", 1000));
        }
        if (draft.text().length() > 100_000) {
            errors.put("text", say("templates.too-long", 100_000));
        }
        if (draft.html().length() > 100_000) {
            errors.put("html", say("templates.too-long", 100_000));
        }
        return errors;
    }

    private static Map<String, String> fieldErrors(ErrorResponseException refused) {
        Map<String, String> errors = new LinkedHashMap<>();
        Object list = refused.getBody().getProperties() == null ? null : refused.getBody().getProperties().get("errors");
        if (list instanceof List<?> problems) {
            for (Object each : problems) {
                if (each instanceof Map<?, ?> problem) {
                    errors.merge(String.valueOf(problem.get("field")), String.valueOf(problem.get("message")),
                            (a, b) -> a + "; " + b);
                }
            }
        }
        if (errors.isEmpty()) {
            errors.put("subject", refused.getBody().getDetail());
        }
        return errors;
    }

    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
