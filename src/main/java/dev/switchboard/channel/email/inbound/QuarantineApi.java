package dev.switchboard.channel.email.inbound;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import dev.switchboard.web.Problems;
import java.time.Instant;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The quarantine: inbound mail that could not be processed, kept raw with the reason. Admins look at it,
 * download the original, and retry it once the cause is fixed (a new mailbox group, a raised limit, a fix).
 */
@RestController
@RequestMapping("/api/v1/email/quarantine")
class QuarantineApi {

    record QuarantinedEmail(long id, String status, Long mailboxId, String source, String messageIdHeader,
                            String sender, String subject, long sizeBytes, String error, int attempts,
                            Long ticketId, Long duplicateOfId, Instant receivedAt, Instant processedAt) {

        static QuarantinedEmail of(InboundEmails.Stored s) {
            return new QuarantinedEmail(s.id(), s.status().code(), s.mailboxId(), s.source(), s.messageIdHeader(),
                    s.sender(), s.subject(), s.sizeBytes(), s.error(), s.attempts(), s.ticketId(), s.duplicateOfId(),
                    s.receivedAt(), s.processedAt());
        }
    }

    record RetryResult(long id, String status, Long ticketId, Long messageId, String error) {
    }

    private final InboundEmails emails;
    private final EmailIngest ingest;

    QuarantineApi(InboundEmails emails, EmailIngest ingest) {
        this.emails = emails;
        this.ingest = ingest;
    }

    /** Quarantined mail, newest first; {@code status=duplicate} lists the kept copies of duplicates instead. */
    @GetMapping
    Page<QuarantinedEmail> list(Actor actor, @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor,
                                @RequestParam(required = false, defaultValue = "quarantined") String status) {
        Mailboxes.requireAdmin(actor);
        InboundStatus listed = switch (status) {
            case "quarantined" -> InboundStatus.QUARANTINED;
            case "duplicate" -> InboundStatus.DUPLICATE;
            default -> throw dev.switchboard.web.InvalidRequest.field("status", "must be quarantined or duplicate");
        };
        PageQuery page = PageQuery.of(limit, cursor);
        return Page.of(emails.page(listed, page.after(), page.fetchSize()).stream().map(QuarantinedEmail::of).toList(),
                page, QuarantinedEmail::id);
    }

    @GetMapping("/{id}")
    QuarantinedEmail get(Actor actor, @PathVariable long id) {
        Mailboxes.requireAdmin(actor);
        return emails.byId(id).map(QuarantinedEmail::of).orElseThrow(() -> Problems.notFound("Inbound email " + id));
    }

    /** The message exactly as it arrived, to open in a mail client. */
    @GetMapping("/{id}/raw")
    ResponseEntity<byte[]> raw(Actor actor, @PathVariable long id) {
        Mailboxes.requireAdmin(actor);
        byte[] raw = emails.raw(id).orElseThrow(() -> Problems.notFound("Inbound email " + id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("message/rfc822"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("inbound-" + id + ".eml").build().toString())
                .body(raw);
    }

    /** Runs the message through the pipeline again: 200 with its new status (still quarantined, with the new reason, if it failed again). */
    @PostMapping("/{id}/retry")
    RetryResult retry(Actor actor, @PathVariable long id) {
        Mailboxes.requireAdmin(actor);
        InboundEmails.Stored stored = emails.byId(id).orElseThrow(() -> Problems.notFound("Inbound email " + id));
        if (stored.status() != InboundStatus.QUARANTINED) {
            throw Problems.conflict("Inbound email " + id + " is " + stored.status().code()
                    + "; only quarantined mail can be retried.");
        }
        IngestResult result = ingest.retry(id);
        return new RetryResult(result.id(), result.status().code(), result.ticketId(), result.messageId(), result.error());
    }
}
