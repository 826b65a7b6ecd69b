package dev.switchboard.audit;

import java.time.Instant;

/**
 * One line of the audit trail: who ({@code actorUserId}, or the system job {@code actorSystem}) did what
 * to which record, with the old and new value where a field changed.
 */
public record AuditEntry(String subjectType, long subjectId, String action, String field, String oldValue,
                         String newValue, String reason, Long actorUserId, String actorSystem, Instant occurredAt) {

    public static AuditEntry action(String subjectType, long subjectId, String action, Long actorUserId,
                                    String actorSystem, Instant at) {
        return new AuditEntry(subjectType, subjectId, action, null, null, null, null, actorUserId, actorSystem, at);
    }

    public static AuditEntry change(String subjectType, long subjectId, String field, Object oldValue,
                                    Object newValue, Long actorUserId, String actorSystem, Instant at) {
        return new AuditEntry(subjectType, subjectId, "changed", field, text(oldValue), text(newValue), null,
                actorUserId, actorSystem, at);
    }

    public AuditEntry withReason(String why) {
        return new AuditEntry(subjectType, subjectId, action, field, oldValue, newValue, why, actorUserId,
                actorSystem, occurredAt);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
