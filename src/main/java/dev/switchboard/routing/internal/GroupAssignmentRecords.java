package dev.switchboard.routing.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The group_assignment table: each group's strategy and its round-robin cursor (the agent who had the last turn). */
@Repository
class GroupAssignmentRecords {

    record Setting(long groupId, AssignmentStrategy strategy, Long lastAgentId) {
    }

    private final JdbcClient jdbc;

    GroupAssignmentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Setting> of(long groupId) {
        return jdbc.sql("select group_id, strategy, last_agent_id from group_assignment where group_id = ?")
                .param(groupId).query(GroupAssignmentRecords::row).optional();
    }

    List<Setting> ofGroups(Collection<Long> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select group_id, strategy, last_agent_id from group_assignment where group_id in (:ids)")
                .param("ids", List.copyOf(groupIds)).query(GroupAssignmentRecords::row).list();
    }

    /**
     * The group's setting with its row locked until the transaction ends: concurrent assignments in one group
     * take turns, so none reads a cursor another is about to move.
     */
    Optional<Setting> lock(long groupId) {
        return jdbc.sql("select group_id, strategy, last_agent_id from group_assignment where group_id = ? for update")
                .param(groupId).query(GroupAssignmentRecords::row).optional();
    }

    void save(long groupId, AssignmentStrategy strategy, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        int updated = jdbc.sql("update group_assignment set strategy = ?, updated_at = ? where group_id = ?")
                .params(strategy.code(), at, groupId).update();
        if (updated == 0) {
            jdbc.sql("insert into group_assignment (group_id, strategy, updated_at) values (?, ?, ?) on conflict do nothing")
                    .params(groupId, strategy.code(), at).update();
            jdbc.sql("update group_assignment set strategy = ?, updated_at = ? where group_id = ?")
                    .params(strategy.code(), at, groupId).update();
        }
    }

    void moveCursor(long groupId, long agentId) {
        jdbc.sql("update group_assignment set last_agent_id = ? where group_id = ?").params(agentId, groupId).update();
    }

    private static Setting row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Setting(rs.getLong(1), AssignmentStrategy.parse("assignment", rs.getString(2)),
                rs.getObject(3, Long.class));
    }
}
