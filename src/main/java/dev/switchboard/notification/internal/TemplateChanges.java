package dev.switchboard.notification.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.notification.internal.NotificationTemplates.Template;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin's change to a notification template, for the API and the pages alike: an override saved (refused
 * with each part's problem when it would not render) or removed, so the shipped default applies again. Each
 * is on the audit trail under {@code notification_template}: one line per part that changed, with the old
 * and the new text, its field naming the template ({@code ticket_created/ru/subject}); a reset is one line.
 * Templates have no numeric id, so the audit lines carry subject id 0 and the template in their field.
 */
@Service
class TemplateChanges {

    static final String SUBJECT_TYPE = "notification_template";

    private final NotificationTemplates templates;
    private final TemplateRecords records;
    private final SavedTemplates saved;
    private final AuditTrail audit;
    private final Clock clock;

    TemplateChanges(NotificationTemplates templates, TemplateRecords records, SavedTemplates saved, AuditTrail audit,
                    Clock clock) {
        this.templates = templates;
        this.records = records;
        this.saved = saved;
        this.audit = audit;
        this.clock = clock;
    }

    /** The template a key and locale name, or 404: an unknown one is as if it did not exist. */
    static TemplateKey key(String key, String locale) {
        if (!NotificationTemplates.LOCALES.contains(locale)) {
            throw Problems.notFound("Notification template " + key + "/" + locale);
        }
        return TemplateKey.ofCode(key).orElseThrow(() -> Problems.notFound("Notification template " + key + "/" + locale));
    }

    @Transactional
    void save(Actor actor, TemplateKey key, String locale, Template candidate) {
        requireAdmin(actor);
        List<FieldProblem> problems = templates.problems(key, candidate);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        Template before = templates.current(key, locale);
        Instant now = clock.instant();
        records.save(key, locale, candidate, now);
        saved.changed();
        String name = key.code() + "/" + locale;
        List<AuditEntry> entries = new ArrayList<>();
        changed(entries, name + "/subject", before.subject(), candidate.subject(), actor, now);
        changed(entries, name + "/text", before.text(), candidate.text(), actor, now);
        changed(entries, name + "/html", before.html(), candidate.html(), actor, now);
        if (entries.isEmpty()) { // saved as it was (an override of the same text as the default, say): still a save
            entries.add(AuditEntry.action(SUBJECT_TYPE, 0, "saved", actor.userId(), actor.systemJob(), now).withReason(name));
        }
        audit.record(entries);
    }

    /** Removes the override; answers whether there was one. Resetting a default is a no-op, not audited. */
    @Transactional
    boolean reset(Actor actor, TemplateKey key, String locale) {
        requireAdmin(actor);
        if (records.find(key, locale).isEmpty()) {
            return false;
        }
        records.delete(key, locale);
        saved.changed();
        audit.record(AuditEntry.action(SUBJECT_TYPE, 0, "reset", actor.userId(), actor.systemJob(), clock.instant())
                .withReason(key.code() + "/" + locale));
        return true;
    }

    private static void changed(List<AuditEntry> entries, String field, String before, String after, Actor actor,
                                Instant at) {
        if (!Objects.equals(before, after)) {
            entries.add(AuditEntry.change(SUBJECT_TYPE, 0, field, before, after, actor.userId(), actor.systemJob(), at));
        }
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage notification templates.");
        }
    }
}
