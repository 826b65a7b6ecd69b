package dev.switchboard.channel.email.inbound;

import dev.switchboard.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/email/mailgun}: messages forwarded by a Mailgun Route, either raw ({@code body-mime}, the
 * route's "message-mime" form) or as parsed fields. A request is taken only with a valid signature, a fresh
 * timestamp and an unused token; refusals answer 406 Not Acceptable, which tells Mailgun not to retry: a
 * forged, stale or replayed request does not get better by trying again (a wrong signing key shows in the log
 * and in Mailgun's own delivery log). 200 means the message is committed (as a ticket, a reply, a note, or in
 * quarantine); a failure to store answers 5xx, and Mailgun retries.
 */
@RestController
class MailgunHook {

    record Accepted(long id, String status, Long ticketId) {
    }

    private static final Logger log = LoggerFactory.getLogger(MailgunHook.class);

    private final MailgunSignature signature;
    private final EmailIngest ingest;
    private final MailboxRecords mailboxes;

    MailgunHook(MailgunSignature signature, EmailIngest ingest, MailboxRecords mailboxes) {
        this.signature = signature;
        this.ingest = ingest;
        this.mailboxes = mailboxes;
    }

    @PostMapping("/hooks/email/mailgun")
    ResponseEntity<Accepted> receive(HttpServletRequest request) throws IOException {
        if (!signature.configured()) {
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Not configured",
                    "This server takes no Mailgun webhooks: set SWITCHBOARD_MAILGUN_SIGNING_KEY to enable /hooks/email/mailgun.");
        }
        MailgunForm form;
        try {
            form = MailgunForm.read(request);
        } catch (MailgunForm.MalformedForm e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Malformed request body", e.getMessage());
        } catch (MailgunForm.TooLarge e) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Request too large", e.getMessage());
        }
        String token = form.text("token");
        Optional<String> refusal = signature.refusal(form.text("timestamp"), token, form.text("signature"));
        if (refusal.isPresent()) {
            log.warn("Refused a Mailgun webhook from {}: {}", request.getRemoteAddr(), refusal.get());
            throw Problems.of(HttpStatus.NOT_ACCEPTABLE, "Signature refused", "Not a valid Mailgun request: " + refusal.get() + ".");
        }
        try {
            byte[] raw = form.bytes("body-mime");
            if (raw == null || raw.length == 0) {
                raw = MailgunMessage.of(form).raw();
            }
            List<String> recipients = new ArrayList<>();
            if (form.text("recipient") != null) {
                for (String address : form.text("recipient").split(",")) {
                    recipients.add(address.strip());
                }
            }
            Mailbox mailbox = mailboxes.activeByAddress(recipients).orElse(null);
            IngestResult result = ingest.ingest(raw, mailbox, "mailgun");
            return ResponseEntity.ok(new Accepted(result.id(), result.status().code(), result.ticketId()));
        } catch (MailgunForm.MalformedForm e) {
            signature.release(token);
            throw Problems.of(HttpStatus.BAD_REQUEST, "Malformed request body", e.getMessage());
        } catch (RuntimeException notStored) {
            signature.release(token); // so that Mailgun's retry is not refused as a replay
            throw notStored;
        }
    }
}
