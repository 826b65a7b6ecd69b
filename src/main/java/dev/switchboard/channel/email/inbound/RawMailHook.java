package dev.switchboard.channel.email.inbound;

import dev.switchboard.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/email/raw}: a raw RFC 5322 message from a local MTA (a Postfix pipe, a sieve script,
 * fetchmail), authenticated with {@code Authorization: Bearer} and SWITCHBOARD_INBOUND_EMAIL_SECRET. It
 * answers 202 once the message is committed, also when it went to quarantine, since it is stored either way;
 * any other answer means "not taken", and the MTA should keep the message and try again.
 */
@RestController
class RawMailHook {

    record Accepted(long id, String status, Long ticketId) {
    }

    private final HookSecret secret;
    private final EmailIngest ingest;
    private final MailboxRecords mailboxes;
    private final long maxMessageBytes;

    RawMailHook(@Value("${switchboard.mail.inbound-secret:}") String secret, EmailIngest ingest,
                MailboxRecords mailboxes, @Value("${switchboard.mail.max-message-size:35MB}") DataSize maxMessageSize) {
        this.secret = HookSecret.of(secret);
        this.ingest = ingest;
        this.mailboxes = mailboxes;
        this.maxMessageBytes = maxMessageSize.toBytes();
    }

    /**
     * @param recipient the envelope recipient, when the MTA passes it (Postfix: {@code ${original_recipient}}):
     *                  it names the mailbox, and so the group, of a new ticket
     */
    @PostMapping("/hooks/email/raw")
    ResponseEntity<Accepted> receive(HttpServletRequest request,
                                     @RequestParam(required = false) String recipient) throws IOException {
        if (!secret.configured()) {
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Not configured",
                    "This server takes no raw mail: set SWITCHBOARD_INBOUND_EMAIL_SECRET to enable /hooks/email/raw.");
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : null;
        if (!secret.matches(presented)) {
            throw Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "Send Authorization: Bearer with the secret in SWITCHBOARD_INBOUND_EMAIL_SECRET.");
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("message/rfc822")) {
            throw Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Send the message as it is, with Content-Type: message/rfc822.");
        }
        if (request.getContentLengthLong() > maxMessageBytes) {
            throw tooLarge();
        }
        byte[] raw;
        try (InputStream in = request.getInputStream()) {
            raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxMessageBytes + 1));
        }
        if (raw.length > maxMessageBytes) {
            throw tooLarge();
        }
        if (raw.length == 0) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Empty message", "The request body must be an RFC 5322 message.");
        }
        Mailbox mailbox = recipient == null || recipient.isBlank() ? null
                : mailboxes.activeByAddress(List.of(recipient.strip())).orElse(null);
        IngestResult result = ingest.ingest(raw, mailbox, "raw-hook");
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Accepted(result.id(), result.status().code(), result.ticketId()));
    }

    private RuntimeException tooLarge() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Message too large", "The message is larger than the "
                + DataSize.ofBytes(maxMessageBytes).toMegabytes() + " MB this server takes (SWITCHBOARD_MAIL_MAX_MESSAGE_SIZE).");
    }
}
