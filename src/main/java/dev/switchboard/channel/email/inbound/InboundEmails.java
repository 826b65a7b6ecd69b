package dev.switchboard.channel.email.inbound;

import static dev.switchboard.channel.email.inbound.MailboxRecords.at;
import static dev.switchboard.channel.email.inbound.MailboxRecords.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The inbound_emails table: every distinct message as it arrived, and what became of it. */
@Repository
class InboundEmails {

    /** A stored email without its raw bytes, as lists show it. */
    record Stored(long id, Long mailboxId, String source, String messageIdHeader, String contentHash, String sender,
                  String subject, long sizeBytes, InboundStatus status, Long ticketId, Long messageId,
                  Long duplicateOfId, String error, int attempts, Instant receivedAt, Instant processedAt,
                  Instant discardedAt, Long discardedBy, String discardReason) {
    }

    static final int MAX_ERROR = 4000;
    private static final String SELECT = """
            select id, mailbox_id, source, message_id_header, content_hash, sender, subject, size_bytes, status,
                   ticket_id, message_id, duplicate_of_id, error, attempts, received_at, processed_at,
                   discarded_at, discarded_by, discard_reason
            from inbound_emails""";

    private final JdbcClient jdbc;

    InboundEmails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the message under its dedup key, unless a row with that key exists; answers the new row's id,
     * or empty for a message stored before. Under a concurrent insert of the same key, PostgreSQL waits for
     * the other transaction and then answers empty (or inserts, if that one rolled back).
     */
    Optional<Long> insert(Envelope e, String key, InboundStatus status, String error, Long duplicateOf, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                        insert into inbound_emails (dedup_key, mailbox_id, source, message_id_header, content_hash, sender,
                                                    subject, size_bytes, raw, status, duplicate_of_id, error, received_at,
                                                    processed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(key, e.mailboxId(), e.source(), e.messageIdHeader(), e.contentHash(), e.sender(), e.subject(),
                        e.raw().length, e.raw(), status.code(), duplicateOf, truncate(error), at(now),
                        status == InboundStatus.RECEIVED ? null : at(now))
                .update(keys, "id");
        return inserted == 0 ? Optional.empty() : Optional.of(keys.getKeyAs(Long.class));
    }

    Optional<Stored> byKey(String key) {
        return jdbc.sql(SELECT + " where dedup_key = ?").param(key).query(InboundEmails::row).optional();
    }

    Optional<Stored> byId(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(InboundEmails::row).optional();
    }

    /** Locks the row for a retry, so two admins pressing retry at once process it once. */
    Optional<Stored> lock(long id) {
        return jdbc.sql(SELECT + " where id = ? for update").param(id).query(InboundEmails::row).optional();
    }

    Optional<byte[]> raw(long id) {
        return jdbc.sql("select raw from inbound_emails where id = ?").param(id).query(byte[].class).optional();
    }

    void finish(long id, InboundStatus status, Long ticketId, Long messageId, String error, Instant now) {
        jdbc.sql("""
                        update inbound_emails set status = ?, ticket_id = ?, message_id = ?, error = ?, processed_at = ?
                        where id = ?""")
                .params(status.code(), ticketId, messageId, truncate(error), at(now), id).update();
    }

    void failedAgain(long id, String error, Instant now) {
        jdbc.sql("update inbound_emails set error = ?, attempts = attempts + 1, processed_at = ? where id = ?")
                .params(truncate(error), at(now), id).update();
    }

    /**
     * Discards a quarantined message: its raw source is erased, and what it was (sender, subject, Message-ID,
     * size, digest, the reason it failed), who discarded it, when and why stay. The dedup key stays too, so
     * the same message fetched again is recognised and not quarantined a second time. Answers false if it
     * was not (or no longer) quarantined.
     */
    boolean discard(long id, String reason, Long byUserId, Instant now) {
        return jdbc.sql("""
                        update inbound_emails set status = 'discarded', raw = ?, discarded_at = ?, discarded_by = ?,
                               discard_reason = ?
                        where id = ? and status = 'quarantined'""")
                .params(new byte[0], at(now), byUserId, reason, id).update() == 1;
    }

    /** Newest first, before {@code beforeId}. */
    List<Stored> page(InboundStatus status, Long beforeId, int limit) {
        return page(status, null, beforeId, limit);
    }

    /** Newest first, before {@code beforeId}, of one mailbox when {@code mailboxId} is given. */
    List<Stored> page(InboundStatus status, Long mailboxId, Long beforeId, int limit) {
        if (mailboxId == null) {
            return jdbc.sql(SELECT + " where status = ? and id < ? order by id desc limit ?")
                    .params(status.code(), beforeId == null ? Long.MAX_VALUE : beforeId, limit)
                    .query(InboundEmails::row).list();
        }
        return jdbc.sql(SELECT + " where mailbox_id = ? and status = ? and id < ? order by id desc limit ?")
                .params(mailboxId, status.code(), beforeId == null ? Long.MAX_VALUE : beforeId, limit)
                .query(InboundEmails::row).list();
    }

    /** How many emails have this status (the quarantine's count on the admin pages). */
    long count(InboundStatus status) {
        return jdbc.sql("select count(*) from inbound_emails where status = ?").param(status.code())
                .query(Long.class).single();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    private static Stored row(ResultSet rs, int n) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getObject("mailbox_id", Long.class), rs.getString("source"),
                rs.getString("message_id_header"), rs.getString("content_hash"), rs.getString("sender"),
                rs.getString("subject"), rs.getLong("size_bytes"), InboundStatus.of(rs.getString("status")),
                rs.getObject("ticket_id", Long.class), rs.getObject("message_id", Long.class),
                rs.getObject("duplicate_of_id", Long.class), rs.getString("error"), rs.getInt("attempts"),
                instant(rs, "received_at"), instant(rs, "processed_at"), instant(rs, "discarded_at"),
                rs.getObject("discarded_by", Long.class), rs.getString("discard_reason"));
    }
}
