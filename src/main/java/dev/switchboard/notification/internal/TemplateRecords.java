package dev.switchboard.notification.internal;

import dev.switchboard.notification.internal.NotificationTemplates.Template;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Admins' versions of the templates; a template without a row here is the one shipped in the jar. */
@Repository
class TemplateRecords {

    record Override(Template template, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    TemplateRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Override> find(TemplateKey key, String locale) {
        return jdbc.sql("""
                        select subject, body_text, body_html, updated_at from notification_templates
                        where template_key = ? and locale = ?""")
                .params(key.code(), locale)
                .query((rs, row) -> new Override(new Template(rs.getString("subject"), rs.getString("body_text"),
                        rs.getString("body_html")), rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Every saved template, by {@code key/locale}. */
    Map<String, Template> all() {
        Map<String, Template> all = new HashMap<>();
        jdbc.sql("select template_key, locale, subject, body_text, body_html from notification_templates").query(rs -> {
            all.put(rs.getString("template_key") + "/" + rs.getString("locale"),
                    new Template(rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html")));
        });
        return Map.copyOf(all);
    }

    /** When each overridden template was saved, by {@code key/locale}. */
    Map<String, Instant> savedAt() {
        Map<String, Instant> saved = new HashMap<>();
        jdbc.sql("select template_key, locale, updated_at from notification_templates").query(rs -> {
            saved.put(rs.getString("template_key") + "/" + rs.getString("locale"),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant());
        });
        return saved;
    }

    void save(TemplateKey key, String locale, Template template, Instant now) {
        if (update(key, locale, template, now) == 1) {
            return;
        }
        try {
            jdbc.sql("""
                            insert into notification_templates (template_key, locale, subject, body_text, body_html, updated_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(key.code(), locale, template.subject(), template.text(), template.html(), at(now)).update();
        } catch (DuplicateKeyException savedMeanwhile) { // another admin's first save won the insert: last one wins
            update(key, locale, template, now);
        }
    }

    void delete(TemplateKey key, String locale) {
        jdbc.sql("delete from notification_templates where template_key = ? and locale = ?")
                .params(key.code(), locale).update();
    }

    private int update(TemplateKey key, String locale, Template template, Instant now) {
        return jdbc.sql("""
                        update notification_templates set subject = ?, body_text = ?, body_html = ?, updated_at = ?
                        where template_key = ? and locale = ?""")
                .params(template.subject(), template.text(), template.html(), at(now), key.code(), locale).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
