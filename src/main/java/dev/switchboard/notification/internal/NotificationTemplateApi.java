package dev.switchboard.notification.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.notification.internal.NotificationTemplates.Template;
import dev.switchboard.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
    private final TemplateChanges changes;

    NotificationTemplateApi(NotificationTemplates templates, TemplateRecords records, TemplateChanges changes) {
        this.templates = templates;
        this.records = records;
        this.changes = changes;
    }

    /** All of them (every notification in both languages): one page. */
    @GetMapping
    Page<TemplateSummary> list(Actor actor) {
        TemplateChanges.requireAdmin(actor);
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
        TemplateChanges.requireAdmin(actor);
        return view(TemplateChanges.key(key, locale), locale);
    }

    /** Saves an override (audited); a template that would not render is refused with 422 naming the part. */
    @PutMapping("/{key}/{locale}")
    TemplateView put(Actor actor, @PathVariable String key, @PathVariable String locale,
                     @Valid @RequestBody TemplateBody body) {
        TemplateChanges.requireAdmin(actor);
        TemplateKey template = TemplateChanges.key(key, locale);
        changes.save(actor, template, locale, new Template(body.subject().strip(), body.text(), body.html()));
        return view(template, locale);
    }

    /** Back to the shipped default (audited when there was an override). */
    @DeleteMapping("/{key}/{locale}")
    ResponseEntity<Void> reset(Actor actor, @PathVariable String key, @PathVariable String locale) {
        TemplateChanges.requireAdmin(actor);
        changes.reset(actor, TemplateChanges.key(key, locale), locale);
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
}
