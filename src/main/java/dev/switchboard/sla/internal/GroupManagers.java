package dev.switchboard.sla.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who manages each group, as far as SLAs are concerned: the people a breach on the group's tickets is
 * reported to. Kept here rather than in identity because only breaches need it so far.
 */
@Repository
class GroupManagers {

    private final JdbcClient jdbc;

    GroupManagers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Long> of(long groupId) {
        return jdbc.sql("select user_id from sla_group_managers where group_id = ? order by user_id").param(groupId)
                .query(Long.class).list();
    }

    /** Every group that has managers, by group id. */
    Map<Long, List<Long>> all() {
        Map<Long, List<Long>> managers = new TreeMap<>();
        jdbc.sql("select group_id, user_id from sla_group_managers order by group_id, user_id")
                .query(rs -> {
                    managers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        return managers;
    }

    void replace(long groupId, Collection<Long> userIds) {
        jdbc.sql("delete from sla_group_managers where group_id = ?").param(groupId).update();
        for (Long userId : userIds) {
            jdbc.sql("insert into sla_group_managers (group_id, user_id) values (?, ?)").params(groupId, userId).update();
        }
    }
}
