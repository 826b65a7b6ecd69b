package dev.switchboard.channel.email.inbound;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The quarantine: inbound mail that could not be processed, kept raw with the reason. Admins look at it,
 * download the original, retry it once the cause is fixed (a new mailbox group, a raised limit, a fix), or
 * discard it with a reason (see {@link Quarantine}).
 */
@RestController
@RequestMapping("/api/v1/email/quarantine")
class QuarantineApi {

    record QuarantinedEmail(long id, String status, Long mailboxId, String source, String messageIdHeader,
                            String sender, String subject, long sizeBytes, String error, int attempts,
                            Long ticketId, Long duplicateOfId, Instant receivedAt, Instant processedAt,
                            Instant discardedAt, Long discardedById, String discardReason) {

        static QuarantinedEmail of(InboundEmails.Stored s) {
            return new QuarantinedEmail(s.id(), s.status().code(), s.mailboxId(), s.source(), s.messageIdHeader(),
                    s.sender(), s.subject(), s.sizeBytes(), s.error(), s.attempts(), s.ticketId(), s.duplicateOfId(),
                    s.receivedAt(), s.processedAt(), s.discardedAt(), s.discardedBy(), s.discardReason());
        }
    }

    record RetryResult(long id, String status, Long ticketId, Long messageId, String error) {
    }

    record Discard(@NotBlank @Size(max = Quarantine.MAX_REASON) String reason) {
    }

    private final InboundEmails emails;
    private final Quarantine quarantine;

    QuarantineApi(InboundEmails emails, Quarantine quarantine) {
        this.emails = emails;
        this.quarantine = quarantine;
    }

    /** Quarantined mail, newest first; {@code status=duplicate} lists the kept copies of duplicates instead. */
    @GetMapping
    Page<QuarantinedEmail> list(Actor actor, @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor,
                                @RequestParam(required = false, defaultValue = "quarantined") String status,
                                @RequestParam(name = "mailbox_id", required = false) Long mailboxId) {
        Mailboxes.requireAdmin(actor);
        InboundStatus listed = switch (status) {
            case "quarantined" -> InboundStatus.QUARANTINED;
            case "duplicate" -> InboundStatus.DUPLICATE;
            case "discarded" -> InboundStatus.DISCARDED;
            default -> throw InvalidRequest.field("status", "must be quarantined, discarded or duplicate");
        };
        PageQuery page = PageQuery.of(limit, cursor);
        return Page.of(emails.page(listed, mailboxId, page.after(), page.fetchSize()).stream()
                .map(QuarantinedEmail::of).toList(), page, QuarantinedEmail::id);
    }

    @GetMapping("/{id}")
    QuarantinedEmail get(Actor actor, @PathVariable long id) {
        Mailboxes.requireAdmin(actor);
        return emails.byId(id).map(QuarantinedEmail::of).orElseThrow(() -> Problems.notFound("Inbound email " + id));
    }

    /** The message exactly as it arrived, to open in a mail client. */
    @GetMapping("/{id}/raw")
    ResponseEntity<byte[]> raw(Actor actor, @PathVariable long id) {
        byte[] raw = quarantine.raw(actor, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("message/rfc822"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("inbound-" + id + ".eml").build().toString())
                .body(raw);
    }

    /** Runs the message through the pipeline again: 200 with its new status (still quarantined, with the new reason, if it failed again). */
    @PostMapping("/{id}/retry")
    RetryResult retry(Actor actor, @PathVariable long id) {
        IngestResult result = quarantine.retry(actor, id);
        return new RetryResult(result.id(), result.status().code(), result.ticketId(), result.messageId(), result.error());
    }

    /**
     * Discards a quarantined message with a reason: its raw source is erased, its record stays (listed with
     * {@code status=discarded}). 409 unless it is quarantined.
     */
    @PostMapping("/{id}/discard")
    QuarantinedEmail discard(Actor actor, @PathVariable long id, @Valid @RequestBody Discard body) {
        return QuarantinedEmail.of(quarantine.discard(actor, id, body.reason()));
    }
}
