package dev.switchboard.notification.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.web.InvalidRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which automatic ticket notifications are sent. All are on until an admin turns one off — typically the
 * built-in confirmation, when a trigger's auto-reply answers new tickets in its place. Only
 * {@link TemplateKey#switchable()} ones can be turned off. Each notification asks this node's
 * {@link SwitchStates}: a switch flipped here applies to the very next notification, one flipped through
 * another node within {@code switchboard.config-cache.ttl}. Each change is on the audit trail.
 */
@Component
class NotificationSwitches {

    private final SwitchRecords records;
    private final SwitchStates states;
    private final AuditTrail audit;
    private final Clock clock;

    NotificationSwitches(SwitchRecords records, SwitchStates states, AuditTrail audit, Clock clock) {
        this.records = records;
        this.states = states;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether this notification is sent (as this node last read the switches). */
    boolean isOn(TemplateKey key) {
        return states.isOn(key);
    }

    /** Every notification and whether it is sent, as stored now. */
    Map<TemplateKey, Boolean> all() {
        return records.all();
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
        boolean before = records.all().get(key);
        if (before == enabled) {
            return false;
        }
        Instant now = clock.instant();
        records.save(key, enabled, now);
        states.changed();
        audit.record(AuditEntry.change(TemplateChanges.SUBJECT_TYPE, 0, key.code() + "/enabled", before, enabled,
                actor.userId(), actor.systemJob(), now));
        return true;
    }
}
