package dev.switchboard.channel.email.inbound;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * The one entry point for every source of mail (IMAP, Mailgun, an MTA pipe, a quarantine retry). A message
 * is stored raw and processed in one transaction, so it and the ticket or reply it became commit together;
 * when processing fails anywhere, that attempt rolls back and the message is stored again on its own, as
 * quarantined with the reason: it is never dropped. The dedup key (Message-ID, else the content hash) makes
 * a second delivery of the same message a no-op. When this returns, the message is committed, and only then
 * may the source acknowledge it (flag it on the server, answer the webhook).
 */
@Service
class EmailIngest {

    private static final Logger log = LoggerFactory.getLogger(EmailIngest.class);

    private final MailSession session;
    private final EmailPipeline pipeline;
    private final InboundEmails emails;
    private final MailboxRecords mailboxes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final long maxMessageBytes;

    EmailIngest(MailSession session, EmailPipeline pipeline, InboundEmails emails, MailboxRecords mailboxes,
                TransactionTemplate tx, Clock clock,
                @Value("${switchboard.mail.max-message-size:35MB}") DataSize maxMessageSize) {
        this.session = session;
        this.pipeline = pipeline;
        this.emails = emails;
        this.mailboxes = mailboxes;
        this.tx = tx;
        this.clock = clock;
        this.maxMessageBytes = maxMessageSize.toBytes();
    }

    /**
     * Stores and processes one raw RFC 5322 message.
     *
     * @param mailboxId the mailbox it was fetched from; null for webhooks, which find theirs by recipient
     * @param source    where it came from ({@code imap}, {@code mailgun}, {@code raw-hook}), for admins
     * @throws RuntimeException only when the message could not be stored at all (the database is down): the
     *                          source must then keep it and deliver it again
     */
    IngestResult ingest(byte[] raw, Long mailboxId, String source) {
        return ingest(raw, mailboxId == null ? null : mailboxes.byId(mailboxId).orElse(null), source);
    }

    /** As {@link #ingest(byte[], Long, String)}, for a caller that has the mailbox at hand (the poller, the hooks). */
    IngestResult ingest(byte[] raw, Mailbox mailbox, String source) {
        Long mailboxId = mailbox == null ? null : mailbox.id();
        Envelope envelope = Envelope.of(raw, mailboxId, source);
        if (raw.length > maxMessageBytes) {
            return quarantine(envelope, "The message has " + raw.length + " bytes, more than the "
                    + DataSize.ofBytes(maxMessageBytes).toMegabytes() + " MB limit (switchboard.mail.max-message-size).");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return store(raw, mailbox, source, envelope);
            } catch (TransientDataAccessException | DuplicateKeyException raced) {
                // a deadlock, a lock timeout, or another node storing the same message at the same moment:
                // one more try sees the other's result (a duplicate) instead of quarantining a good message
                if (attempt == 1) {
                    continue;
                }
                logUnexpected(raced);
                return quarantine(envelope, reason(raced));
            } catch (RuntimeException failed) {
                logUnexpected(failed);
                return quarantine(envelope, reason(failed));
            }
        }
    }

    /** The message and what it becomes, in one transaction; a message stored before answers as a duplicate. */
    private IngestResult store(byte[] raw, Mailbox mailbox, String source, Envelope envelope) {
        return tx.execute(status -> {
            InboundMail mail = new InboundMail(session.parse(raw), mailbox, source);
            Envelope stored = envelope;
            if (mailbox == null) {
                Mailbox found = mailboxes.activeByAddress(mail.recipients()).orElse(null);
                mail = new InboundMail(mail.mime(), found, source);
                stored = envelope.inMailbox(found == null ? null : found.id());
            }
            Optional<Long> id = emails.insert(stored, stored.dedupKey(), InboundStatus.RECEIVED, null, null,
                    clock.instant());
            if (id.isEmpty()) {
                return duplicate(stored);
            }
            Outcome outcome = pipeline.process(mail);
            emails.finish(id.get(), outcome.status(), outcome.ticketId(), outcome.messageId(), outcome.note(),
                    clock.instant());
            return new IngestResult(id.get(), outcome.status(), outcome.ticketId(), outcome.messageId(), outcome.note());
        });
    }

    /**
     * Stores what was kept of a message over the size limit (its headers and where the whole of it is) in
     * quarantine, with the reason. Retrying it makes a ticket of what was kept.
     */
    IngestResult oversized(byte[] kept, long size, Long mailboxId, String source) {
        return quarantine(Envelope.of(kept, mailboxId, source), "The message has " + size + " bytes, more than the "
                + DataSize.ofBytes(maxMessageBytes).toMegabytes() + " MB limit (switchboard.mail.max-message-size); "
                + "only its headers were fetched, and the whole message stays on the server.");
    }

    /**
     * A second delivery of a stored message. The same bytes make nothing new; other bytes under the same
     * Message-ID (the copy another mailbox received, or a sender that reuses IDs) are kept as a duplicate
     * row, so nothing is lost, but not processed again.
     */
    private IngestResult duplicate(Envelope envelope) {
        InboundEmails.Stored original = emails.byKey(envelope.dedupKey()).orElseThrow();
        if (original.contentHash().equals(envelope.contentHash())) {
            return IngestResult.of(original, InboundStatus.DUPLICATE);
        }
        Optional<Long> copy = emails.insert(envelope, envelope.duplicateKey(), InboundStatus.DUPLICATE,
                "Same Message-ID as inbound email " + original.id() + ", with other content.", original.id(),
                clock.instant());
        return new IngestResult(copy.orElseGet(() -> emails.byKey(envelope.duplicateKey()).orElseThrow().id()),
                InboundStatus.DUPLICATE, original.ticketId(), original.messageId(), null);
    }

    /** Stores a message that could not be processed, in a transaction of its own. */
    private IngestResult quarantine(Envelope envelope, String reason) {
        IngestResult result = tx.execute(status -> {
            Optional<Long> id = emails.insert(envelope, envelope.dedupKey(), InboundStatus.QUARANTINED, reason, null,
                    clock.instant());
            return id.isPresent() ? new IngestResult(id.get(), InboundStatus.QUARANTINED, null, null, reason)
                    : duplicate(envelope); // stored meanwhile, by another node or an earlier delivery
        });
        if (result.status() == InboundStatus.QUARANTINED) {
            log.warn("Inbound email {} ({}) quarantined: {}", result.id(), envelope.dedupKey(), reason);
        }
        return result;
    }

    /** Runs the pipeline again on a quarantined message; answers its new state. */
    IngestResult retry(long id) {
        try {
            return tx.execute(status -> {
                InboundEmails.Stored stored = emails.lock(id).orElseThrow();
                if (stored.status() != InboundStatus.QUARANTINED) {
                    return IngestResult.of(stored, stored.status()); // retried meanwhile by someone else
                }
                byte[] raw = emails.raw(id).orElseThrow();
                if (raw.length > maxMessageBytes) {
                    throw new UnprocessableEmail("The message has " + raw.length + " bytes, more than the "
                            + DataSize.ofBytes(maxMessageBytes).toMegabytes() + " MB limit.");
                }
                Mailbox mailbox = stored.mailboxId() == null ? null : mailboxes.byId(stored.mailboxId()).orElse(null);
                Outcome outcome = pipeline.process(new InboundMail(session.parse(raw), mailbox, stored.source()));
                emails.finish(id, outcome.status(), outcome.ticketId(), outcome.messageId(), outcome.note(), clock.instant());
                return new IngestResult(id, outcome.status(), outcome.ticketId(), outcome.messageId(), outcome.note());
            });
        } catch (RuntimeException failed) {
            logUnexpected(failed);
            String reason = reason(failed);
            tx.executeWithoutResult(status -> emails.failedAgain(id, reason, clock.instant()));
            log.warn("Inbound email {} failed again on retry: {}", id, reason);
            return new IngestResult(id, InboundStatus.QUARANTINED, null, null, reason);
        }
    }

    /** A refusal or an unreadable message is the message's problem; anything else may be ours: keep its trace. */
    private static void logUnexpected(RuntimeException failed) {
        if (!(failed instanceof UnprocessableEmail) && !(failed instanceof ErrorResponseException)) {
            log.warn("Processing an inbound email failed; it goes to quarantine", failed);
        } else {
            log.debug("Processing an inbound email failed; it goes to quarantine", failed);
        }
    }

    /** The reason an admin reads: the problem's detail for refusals (422, 409), else the exception's message. */
    static String reason(Throwable failed) {
        if (failed instanceof ErrorResponseException problem) {
            ProblemDetail body = problem.getBody();
            return body.getStatus() + " " + body.getTitle() + ": " + body.getDetail();
        }
        if (failed instanceof UnprocessableEmail) {
            return failed.getMessage();
        }
        StringBuilder reason = new StringBuilder(failed.getClass().getSimpleName() + ": " + failed.getMessage());
        for (Throwable cause = failed.getCause(); cause != null && cause != failed; cause = cause.getCause()) {
            reason.append(" / caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return reason.toString();
    }
}
