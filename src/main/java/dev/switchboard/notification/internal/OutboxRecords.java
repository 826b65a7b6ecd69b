package dev.switchboard.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import dev.switchboard.storage.DeferredInserts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The dispatcher's and the admins' queries on the outbox. */
@Repository
class OutboxRecords {

    static final String QUEUED = "queued";
    static final String FAILING = "failing";
    private static final int MAX_ERROR = 2000;
    private static final String COLUMNS = """
            id, item_key, channel, recipient, subject, body_text, body_html, ticket_id, message_id, kind, status,
            attempts, next_attempt_at, last_error, created_at, sent_at""";

    private final JdbcClient jdbc;
    private final DeferredInserts deferred;

    OutboxRecords(JdbcClient jdbc, DeferredInserts deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    /** Every statement goes through here: it sees the items this transaction queued (see {@link JdbcOutbox#add}). */
    private JdbcClient.StatementSpec sql(String sql) {
        deferred.flush("outbox");
        return jdbc.sql(sql);
    }

    /**
     * Claims up to {@code limit} due items of one channel for {@code lease}; must run in a (short) transaction.
     * The select skips rows another node is claiming right now and locks the rest, so the claim's UPDATE
     * (which checks again that each item is still pending and unclaimed) takes every one of them, and two
     * dispatchers never hold the same item. Each channel is claimed apart, so a paused channel's backlog is
     * never read.
     */
    List<OutboxItem> claimDue(String channel, Instant now, Instant leaseUntil, int limit) {
        List<Long> candidates = sql("""
                        select id from outbox
                        where status = 'pending' and channel = ? and next_attempt_at <= ?
                          and (claimed_until is null or claimed_until <= ?)
                        order by next_attempt_at, id limit ? for update skip locked""")
                .params(channel, at(now), at(now), limit).query(Long.class).list();
        if (candidates.isEmpty()) {
            return List.of();
        }
        int claimed = sql("""
                        update outbox set claimed_until = :until
                        where id in (:ids) and status = 'pending' and next_attempt_at <= :now
                          and (claimed_until is null or claimed_until <= :now)""")
                .param("until", at(leaseUntil)).param("ids", candidates).param("now", at(now)).update();
        if (claimed != candidates.size()) {
            // the rows are locked by the select, so this cannot happen unless a database skips nothing; rolling
            // back (the dispatcher tries again next round) is what keeps an item from going out twice
            throw new IllegalStateException("Claimed " + claimed + " of " + candidates.size()
                    + " outbox items; another dispatcher holds the rest");
        }
        return withFiles(sql("select " + COLUMNS + " from outbox where id in (:ids) order by next_attempt_at, id")
                .param("ids", candidates).query(OutboxRecords::item).list());
    }

    /** Gives a claimed item back untried: its channel is paused. Its attempts stay; the reason is shown. */
    void release(long id, String reason) {
        sql("update outbox set claimed_until = null, last_error = ? where id = ? and status = 'pending'")
                .params(truncate(reason), id).update();
    }

    void markSent(long id, int attempts, Instant now) {
        sql("""
                        update outbox set status = 'sent', attempts = ?, sent_at = ?, claimed_until = null
                        where id = ? and status = 'pending'""")
                .params(attempts, at(now), id).update();
    }

    void markFailed(long id, int attempts, Instant nextAttempt, String error) {
        sql("""
                        update outbox set attempts = ?, next_attempt_at = ?, last_error = ?, claimed_until = null
                        where id = ? and status = 'pending'""")
                .params(attempts, at(nextAttempt), truncate(error), id).update();
    }

    void markDead(long id, int attempts, String error) {
        sql("""
                        update outbox set status = 'dead', attempts = ?, last_error = ?, claimed_until = null
                        where id = ? and status = 'pending'""")
                .params(attempts, truncate(error), id).update();
    }

    /** Puts a dead or held item back in line with a fresh count of attempts; answers false if it is neither. */
    boolean requeue(long id, Instant now) {
        return sql("""
                        update outbox set status = 'pending', attempts = 0, next_attempt_at = ?, claimed_until = null
                        where id = ? and status in ('dead', 'held')""")
                .params(at(now), id).update() == 1;
    }

    Optional<OutboxItem> byId(long id) {
        return sql("select " + COLUMNS + " from outbox where id = ?").param(id).query(OutboxRecords::item).optional()
                .map(item -> withFiles(List.of(item)).get(0));
    }

    /**
     * Newest first; {@code state} ({@code pending}, or of those {@code queued} — not tried yet — and
     * {@code failing} — failed and waiting for the next attempt —, {@code sent}, {@code dead}, {@code held}), {@code channel}
     * and {@code ticketId} may be null (no filter), {@code beforeId} is the cursor.
     */
    List<OutboxItem> page(String state, String channel, Long ticketId, Long beforeId, int limit) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null) {
            where.append(" and status = ?");
            params.add(OutboxItem.SENT.equals(state) || OutboxItem.DEAD.equals(state) || OutboxItem.HELD.equals(state)
                    ? state : OutboxItem.PENDING);
            if (QUEUED.equals(state)) {
                where.append(" and attempts = 0");
            } else if (FAILING.equals(state)) {
                where.append(" and attempts > 0");
            }
        }
        if (channel != null) {
            where.append(" and channel = ?");
            params.add(channel);
        }
        if (ticketId != null) {
            where.append(" and ticket_id = ?");
            params.add(ticketId);
        }
        if (beforeId != null) {
            where.append(" and id < ?");
            params.add(beforeId);
        }
        params.add(limit);
        return withFiles(sql("select " + COLUMNS + " from outbox" + where + " order by id desc limit ?")
                .params(params).query(OutboxRecords::item).list());
    }

    /** How many items wait (queued), failed and wait for another try (failing), or are dead. */
    Map<String, Long> unfinishedCounts() {
        Map<String, Long> counts = new HashMap<>(Map.of(QUEUED, 0L, FAILING, 0L, OutboxItem.DEAD, 0L));
        sql("""
                        select case when status = 'dead' then 'dead' when attempts = 0 then 'queued' else 'failing' end
                                   as state, count(*) as n
                        from outbox where status in ('pending', 'dead')
                        group by case when status = 'dead' then 'dead' when attempts = 0 then 'queued' else 'failing' end""")
                .query(rs -> {
                    counts.put(rs.getString("state"), rs.getLong("n"));
                });
        return counts;
    }

    /** The items with the ids of their files, in their order (one query for all of them). */
    private List<OutboxItem> withFiles(List<OutboxItem> items) {
        if (items.isEmpty()) {
            return items;
        }
        Map<Long, List<Long>> files = new HashMap<>();
        sql("select outbox_id, attachment_id from outbox_attachments where outbox_id in (:ids) order by outbox_id, position")
                .param("ids", items.stream().map(OutboxItem::id).toList())
                .query(rs -> {
                    files.computeIfAbsent(rs.getLong("outbox_id"), k -> new ArrayList<>()).add(rs.getLong("attachment_id"));
                });
        return files.isEmpty() ? items
                : items.stream().map(i -> i.withAttachments(files.getOrDefault(i.id(), List.of()))).toList();
    }

    /** How many items of this kind went to this address since then: the cap on automatic confirmations. */
    int countSince(String recipient, String kind, Instant since) {
        return sql("select count(*) from outbox where recipient = ? and kind = ? and status <> 'held' and created_at > ?")
                .params(recipient, kind, at(since)).query(Integer.class).single();
    }

    private static OutboxItem item(ResultSet rs, int row) throws SQLException {
        return new OutboxItem(rs.getLong("id"), rs.getObject("item_key", UUID.class), rs.getString("channel"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body_text"),
                rs.getString("body_html"), rs.getObject("ticket_id", Long.class), rs.getObject("message_id", Long.class),
                rs.getString("kind"), rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}
