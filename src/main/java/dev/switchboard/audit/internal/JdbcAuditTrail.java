package dev.switchboard.audit.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.storage.DeferredInserts;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcAuditTrail implements AuditTrail {

    private static final int MAX_VALUE = 2000;

    private final JdbcClient client;
    /** Audit lines are written as the transaction commits, with its other new rows. */
    private final DeferredInserts deferred;

    JdbcAuditTrail(JdbcClient client, DeferredInserts deferred) {
        this.client = client;
        this.deferred = deferred;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        for (AuditEntry e : entries) {
            deferred.add("""
                            insert into audit_events (subject_type, subject_id, action, field, old_value, new_value, reason,
                                                      actor_user_id, actor_system, occurred_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    e.subjectType(), e.subjectId(), e.action(), e.field(), clip(e.oldValue()), clip(e.newValue()),
                    e.reason(), e.actorUserId(), e.actorSystem(), OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        }
    }

    @Override
    public List<AuditEntry> of(String subjectType, long subjectId) {
        deferred.flush("audit_events");
        return client.sql("""
                        select subject_type, subject_id, action, field, old_value, new_value, reason,
                               actor_user_id, actor_system, occurred_at
                        from audit_events where subject_type = ? and subject_id = ? order by id""")
                .params(subjectType, subjectId)
                .query((rs, n) -> new AuditEntry(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8, Long.class),
                        rs.getString(9), rs.getObject(10, OffsetDateTime.class).toInstant()))
                .list();
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 1) + "…";
    }
}
