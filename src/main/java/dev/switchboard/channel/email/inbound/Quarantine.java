package dev.switchboard.channel.email.inbound;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What admins do with quarantined mail, for the API and the pages alike: retry it through the pipeline, or
 * discard it with a reason. Both are on the audit trail. A discard is never a silent delete: the raw source
 * is erased (it may be malware, or a stranger's personal data), and the record of the message, who discarded
 * it and why stays; nothing but a discard ever erases the raw source.
 */
@Service
class Quarantine {

    static final int MAX_REASON = 200;

    private final InboundEmails emails;
    private final EmailIngest ingest;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    Quarantine(InboundEmails emails, EmailIngest ingest, AuditTrail audit, TransactionTemplate tx, Clock clock) {
        this.emails = emails;
        this.ingest = ingest;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Runs a quarantined message through the pipeline again; answers what became of it (maybe still quarantined). */
    IngestResult retry(Actor actor, long id) {
        Mailboxes.requireAdmin(actor);
        InboundEmails.Stored stored = emails.byId(id).orElseThrow(() -> Problems.notFound("Inbound email " + id));
        if (stored.status() != InboundStatus.QUARANTINED) {
            throw Problems.conflict("Inbound email " + id + " is " + stored.status().code()
                    + "; only quarantined mail can be retried.");
        }
        IngestResult result = ingest.retry(id);
        String outcome = result.status() == InboundStatus.QUARANTINED ? "still quarantined"
                : result.status().code() + (result.ticketId() == null ? "" : ", ticket " + result.ticketId());
        tx.executeWithoutResult(s -> audit.record(AuditEntry.action("inbound_email", id, "retried", actor.userId(),
                actor.systemJob(), clock.instant()).withReason(outcome)));
        return result;
    }

    /** The message exactly as it arrived; a discarded one is gone (410), its record says when and why. */
    byte[] raw(Actor actor, long id) {
        Mailboxes.requireAdmin(actor);
        InboundEmails.Stored stored = emails.byId(id).orElseThrow(() -> Problems.notFound("Inbound email " + id));
        if (stored.status() == InboundStatus.DISCARDED) {
            throw Problems.of(HttpStatus.GONE, "Gone", "Inbound email " + id + " was discarded at "
                    + stored.discardedAt() + " (" + stored.discardReason() + "); its raw source was erased.");
        }
        return emails.raw(id).orElseThrow(() -> Problems.notFound("Inbound email " + id));
    }

    /** Discards a quarantined message with the admin's reason; answers it as it is now. */
    InboundEmails.Stored discard(Actor actor, long id, String reason) {
        Mailboxes.requireAdmin(actor);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw InvalidRequest.field("reason", "is required: say why this message is discarded");
        }
        if (why.length() > MAX_REASON) {
            throw InvalidRequest.field("reason", "must have at most " + MAX_REASON + " characters");
        }
        return tx.execute(s -> {
            InboundEmails.Stored stored = emails.lock(id).orElseThrow(() -> Problems.notFound("Inbound email " + id));
            if (stored.status() != InboundStatus.QUARANTINED) {
                throw Problems.conflict("Inbound email " + id + " is " + stored.status().code()
                        + "; only quarantined mail can be discarded.");
            }
            Instant now = clock.instant();
            emails.discard(id, why, actor.userId(), now);
            audit.record(AuditEntry.change("inbound_email", id, "status", InboundStatus.QUARANTINED.code(),
                    InboundStatus.DISCARDED.code(), actor.userId(), actor.systemJob(), now).withReason(why));
            return emails.byId(id).orElseThrow();
        });
    }
}
