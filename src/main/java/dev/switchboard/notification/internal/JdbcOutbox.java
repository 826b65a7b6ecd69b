package dev.switchboard.notification.internal;

import dev.switchboard.notification.OutboundMessage;
import dev.switchboard.notification.Outbox;
import dev.switchboard.storage.DeferredInserts;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes outbox items. MANDATORY: an item written outside the transaction of the change that caused it
 * could be sent for a change that then rolled back, or be lost for one that committed.
 */
@Repository
class JdbcOutbox implements Outbox {

    private static final String INSERT = """
            insert into outbox (item_key, channel, recipient, subject, body_text, body_html, ticket_id,
                                message_id, kind, status, attempts, next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)""";

    /**
     * Queued unless the recipient already got the hourly maximum of mails of this kind (held ones do not
     * count), else held with the reason. The count runs when the insert does, at commit: it sees every item
     * committed by then. Its rows are one {@code values} tuple, so the items of several changes committing
     * together (group commit) go as one statement; items of that statement to the same recipient count the ones
     * before them ({@code ord} is the order they were queued in). Counting held ones among those changes
     * nothing: once one is held, every later one is over the maximum too.
     */
    private static final String INSERT_WITHIN_CAP = """
            insert into outbox (item_key, channel, recipient, subject, body_text, body_html, ticket_id,
                                message_id, kind, status, attempts, next_attempt_at, created_at, last_error)
            select item_key, channel, recipient, subject, body_text, body_html, ticket_id, message_id, kind,
                   case when sent < per_hour then 'pending' else 'held' end, 0, queued_at, queued_at,
                   case when sent < per_hour then null else reason end
            from (select v.*,
                         (select count(*) from outbox o
                          where o.recipient = v.recipient and o.kind = v.kind and o.status <> 'held'
                            and o.created_at > v.since)
                         + row_number() over (partition by v.recipient, v.kind order by v.ord) - 1 as sent
                  from (values (?, ?, ?, ?, ?, ?, cast(? as bigint), cast(? as bigint), ?, cast(? as integer),
                                cast(? as timestamp with time zone), ?, cast(? as timestamp with time zone),
                                cast(? as bigint)))
                       as v(item_key, channel, recipient, subject, body_text, body_html, ticket_id, message_id, kind,
                            per_hour, queued_at, reason, since, ord)) counted
            order by ord""";

    /** Gives items queued within the hourly cap their order, across transactions of this node too. */
    private final AtomicLong queued = new AtomicLong();
    private final JdbcClient jdbc;
    private final DeferredInserts deferred;
    private final Clock clock;

    JdbcOutbox(JdbcClient jdbc, DeferredInserts deferred, Clock clock) {
        this.jdbc = jdbc;
        this.deferred = deferred;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(OutboundMessage m) {
        OffsetDateTime now = deferrable(m);
        deferred.add(INSERT, params(m, now));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void addWithinHourlyCap(OutboundMessage m, int perHour) {
        OffsetDateTime now = deferrable(m);
        String reason = "held back: " + m.recipient() + " already got " + perHour + " " + m.kind()
                + " mails in the past hour";
        deferred.add(INSERT_WITHIN_CAP, UUID.randomUUID(), m.channel(), m.recipient(), m.subject(), m.text(), m.html(),
                m.ticketId(), m.messageId(), m.kind(), perHour, now, reason, now.minusHours(1), queued.incrementAndGet());
    }

    /** Checks an item may wait for the commit (its files would need its id now); answers its creation time. */
    private OffsetDateTime deferrable(OutboundMessage m) {
        if (!m.attachmentIds().isEmpty()) {
            throw new IllegalArgumentException("An item with files needs its id: enqueue it instead: " + m);
        }
        checkAddressed(m);
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static Object[] params(OutboundMessage m, OffsetDateTime now) {
        return new Object[] {UUID.randomUUID(), m.channel(), m.recipient(), m.subject(), m.text(), m.html(), m.ticketId(),
                m.messageId(), m.kind(), now, now};
    }

    private static void checkAddressed(OutboundMessage m) {
        if (m.channel() == null || m.recipient() == null || m.kind() == null) {
            throw new IllegalArgumentException("An outbox item needs a channel, a recipient and a kind: " + m);
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long enqueue(OutboundMessage m) {
        checkAddressed(m);
        deferred.flush("outbox"); // items keep the order they were queued in
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(INSERT).params(params(m, now)).update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        if (!m.attachmentIds().isEmpty()) {
            if (m.ticketId() == null) {
                throw new IllegalArgumentException("Files go out only with mail about a ticket: " + m);
            }
            int position = 0;
            for (long attachmentId : m.attachmentIds()) {
                jdbc.sql("insert into outbox_attachments (outbox_id, attachment_id, position) values (?, ?, ?)")
                        .params(id, attachmentId, position++).update();
            }
        }
        return id;
    }
}
