package dev.switchboard.notification.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin puts a dead letter back in line once its cause is fixed (a wrong address corrected, the mail
 * server's settings mended), or sends an automatic mail that was held over its hourly cap: due at once, with
 * a fresh count of attempts, and on the audit trail.
 */
@Service
class DeadLetters {

    private final OutboxRecords records;
    private final AuditTrail audit;
    private final Clock clock;

    DeadLetters(OutboxRecords records, AuditTrail audit, Clock clock) {
        this.records = records;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    OutboxItem retry(Actor actor, long id) {
        requireAdmin(actor);
        OutboxItem item = records.byId(id).orElseThrow(() -> Problems.notFound("Outbox item " + id));
        Instant now = clock.instant();
        if (!records.requeue(id, now)) {
            throw Problems.conflict("Outbox item " + id + " is " + item.status()
                    + "; only dead items can be retried, and held ones sent.");
        }
        audit.record(AuditEntry.change("outbox", id, "status", item.status(), OutboxItem.PENDING, actor.userId(),
                actor.systemJob(), now).withReason(clip(item.lastError())));
        return records.byId(id).orElseThrow();
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins see and retry the outbox.");
        }
    }

    /** The audit line's reason is short: the start of the error the item died of. */
    private static String clip(String error) {
        return error == null || error.length() <= 200 ? error : error.substring(0, 199) + "…";
    }
}
