package dev.switchboard.audit;

import java.util.List;

/**
 * The append-only record of who changed what. Callers record inside their own transaction, so a change
 * and its audit line commit together or not at all.
 */
public interface AuditTrail {

    void record(List<AuditEntry> entries);

    default void record(AuditEntry entry) {
        record(List.of(entry));
    }

    /** Everything recorded about one record, oldest first. */
    List<AuditEntry> of(String subjectType, long subjectId);
}
