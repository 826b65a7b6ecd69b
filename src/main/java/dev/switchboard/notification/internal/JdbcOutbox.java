package dev.switchboard.notification.internal;

import dev.switchboard.notification.OutboundMessage;
import dev.switchboard.notification.Outbox;
import dev.switchboard.storage.DeferredInserts;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
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
     * committed by then.
     */
    private static final String INSERT_WITHIN_CAP = """
            insert into outbox (item_key, channel, recipient, subject, body_text, body_html, ticket_id,
                                message_id, kind, status, attempts, next_attempt_at, created_at, last_error)
            select ?, ?, ?, ?, ?, ?, cast(? as bigint), cast(? as bigint), ?,
                   case when recent.n < ? then 'pending' else 'held' end, 0, ?, ?,
                   case when recent.n < ? then null else ? end
            from (select count(*) as n from outbox
                  where recipient = ? and kind = ? and status <> 'held' and created_at > ?) recent""";

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
                m.ticketId(), m.messageId(), m.kind(), perHour, now, now, perHour, reason,
                m.recipient(), m.kind(), now.minusHours(1));
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
