package dev.switchboard.notification.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.web.InvalidRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which automatic ticket notifications are sent. All are on until an admin turns one off — typically the
 * built-in confirmation, when a trigger's auto-reply answers new tickets in its place. Only
 * {@link TemplateKey#switchable()} ones can be turned off. Read from the database on each notification, so
 * a switch applies on every node at once; each change is on the audit trail.
 */
@Component
class NotificationSwitches {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    NotificationSwitches(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    boolean isOn(TemplateKey key) {
        return !key.switchable() || jdbc.sql("select enabled from notification_switches where template_key = ?")
                .param(key.code()).query(Boolean.class).optional().orElse(true);
    }

    /** Every notification and whether it is sent. */
    Map<TemplateKey, Boolean> all() {
        Map<TemplateKey, Boolean> all = new EnumMap<>(TemplateKey.class);
        for (TemplateKey key : TemplateKey.values()) {
            all.put(key, true);
        }
        jdbc.sql("select template_key, enabled from notification_switches")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBoolean(2))).list()
                .forEach(saved -> TemplateKey.ofCode(saved.getKey()).filter(TemplateKey::switchable)
                        .ifPresent(key -> all.put(key, saved.getValue())));
        return all;
    }

    /** Turns a notification on or off; answers whether that changed anything. */
    @Transactional
    boolean set(Actor actor, TemplateKey key, boolean enabled) {
        TemplateChanges.requireAdmin(actor);
        if (!key.switchable()) {
            throw InvalidRequest.field("enabled", key.code() + " cannot be turned off: "
                    + (key == TemplateKey.AGENT_REPLY ? "it carries the agents' replies to the requester"
                    : "people need it to sign in"));
        }
        boolean before = isOn(key);
        if (before == enabled) {
            return false;
        }
        Instant now = clock.instant();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        if (jdbc.sql("update notification_switches set enabled = ?, updated_at = ? where template_key = ?")
                .params(enabled, at, key.code()).update() == 0) {
            jdbc.sql("insert into notification_switches (template_key, enabled, updated_at) values (?, ?, ?)")
                    .params(key.code(), enabled, at).update();
        }
        audit.record(AuditEntry.change(TemplateChanges.SUBJECT_TYPE, 0, key.code() + "/enabled", before, enabled,
                actor.userId(), actor.systemJob(), now));
        return true;
    }
}
