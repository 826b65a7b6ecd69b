package dev.switchboard.notification.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.notification.internal.NotificationTemplates.Template;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import dev.switchboard.web.Page;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins read and override the notification templates; deleting an override brings the shipped default
 * back. A template that does not compile or uses a placeholder its notification does not have is refused.
 */
@RestController
@RequestMapping("/api/v1/notification-templates")
class NotificationTemplateApi {

    record TemplateSummary(String key, String locale, boolean overridden, Instant updatedAt) {
    }

    record TemplateView(String key, String locale, String subject, String text, String html, boolean overridden,
                        Instant updatedAt, List<String> placeholders) {
    }

    record TemplateBody(@NotBlank @Size(max = 1000) String subject, @NotBlank @Size(max = 100_000) String text,
                        @NotBlank @Size(max = 100_000) String html) {
    }

    private final NotificationTemplates templates;
    private final TemplateRecords records;
    private final Clock clock;

    NotificationTemplateApi(NotificationTemplates templates, TemplateRecords records, Clock clock) {
        this.templates = templates;
        this.records = records;
        this.clock = clock;
    }

    /** All of them (five notifications in two languages): one page. */
    @GetMapping
    Page<TemplateSummary> list(Actor actor) {
        requireAdmin(actor);
        Map<String, Instant> saved = records.savedAt();
        List<TemplateSummary> items = new ArrayList<>();
        for (TemplateKey key : TemplateKey.values()) {
            for (String locale : NotificationTemplates.LOCALES) {
                Instant at = saved.get(key.code() + "/" + locale);
                items.add(new TemplateSummary(key.code(), locale, at != null, at));
            }
        }
        return new Page<>(items, null);
    }

    @GetMapping("/{key}/{locale}")
    TemplateView get(Actor actor, @PathVariable String key, @PathVariable String locale) {
        requireAdmin(actor);
        return view(key(key, locale), locale);
    }

    @PutMapping("/{key}/{locale}")
    TemplateView put(Actor actor, @PathVariable String key, @PathVariable String locale,
                     @Valid @RequestBody TemplateBody body) {
        requireAdmin(actor);
        TemplateKey template = key(key, locale);
        Template candidate = new Template(body.subject().strip(), body.text(), body.html());
        List<FieldProblem> problems = templates.problems(template, candidate);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        records.save(template, locale, candidate, clock.instant());
        return view(template, locale);
    }

    @DeleteMapping("/{key}/{locale}")
    ResponseEntity<Void> reset(Actor actor, @PathVariable String key, @PathVariable String locale) {
        requireAdmin(actor);
        records.delete(key(key, locale), locale);
        return ResponseEntity.noContent().build();
    }

    private TemplateView view(TemplateKey key, String locale) {
        return templates.override(key, locale)
                .map(o -> new TemplateView(key.code(), locale, o.template().subject(), o.template().text(),
                        o.template().html(), true, o.updatedAt(), key.placeholderList()))
                .orElseGet(() -> {
                    Template shipped = templates.defaultOf(key, locale);
                    return new TemplateView(key.code(), locale, shipped.subject(), shipped.text(), shipped.html(), false,
                            null, key.placeholderList());
                });
    }

    private static TemplateKey key(String key, String locale) {
        if (!NotificationTemplates.LOCALES.contains(locale)) {
            throw Problems.notFound("Notification template " + key + "/" + locale);
        }
        return TemplateKey.ofCode(key).orElseThrow(() -> Problems.notFound("Notification template " + key + "/" + locale));
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage notification templates.");
        }
    }
}
