package dev.switchboard.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class GroupRecords {

    record Group(long id, String name, List<Long> memberIds, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    GroupRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(long id) {
        return jdbc.sql("select exists (select 1 from agent_groups where id = ?)").param(id).query(Boolean.class).single();
    }

    Optional<Group> byId(long id) {
        return jdbc.sql("select id, name, created_at from agent_groups where id = ?").param(id)
                .query(GroupRecords::row).optional().map(g -> withMembers(List.of(g)).get(0));
    }

    List<Group> all() {
        return withMembers(jdbc.sql("select id, name, created_at from agent_groups order by name, id")
                .query(GroupRecords::row).list());
    }

    boolean nameTaken(String name, long exceptId) {
        return jdbc.sql("select exists (select 1 from agent_groups where name_key = ? and id <> ?)")
                .params(UserRecords.normalize(name), exceptId).query(Boolean.class).single();
    }

    long insert(String name, Instant now) {
        jdbc.sql("insert into agent_groups (name, name_key, created_at) values (?, ?, ?)")
                .params(name, UserRecords.normalize(name), OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
        return jdbc.sql("select id from agent_groups where name_key = ?").param(UserRecords.normalize(name))
                .query(Long.class).single();
    }

    void rename(long id, String name) {
        jdbc.sql("update agent_groups set name = ?, name_key = ? where id = ?").params(name, UserRecords.normalize(name), id).update();
    }

    void replaceMembers(long id, Collection<Long> memberIds) {
        jdbc.sql("delete from group_members where group_id = ?").param(id).update();
        for (Long member : memberIds) {
            jdbc.sql("insert into group_members (group_id, user_id) values (?, ?)").params(id, member).update();
        }
    }

    List<Long> ofMember(long userId) {
        return jdbc.sql("select group_id from group_members where user_id = ? order by group_id").param(userId)
                .query(Long.class).list();
    }

    void removeMember(long userId) {
        jdbc.sql("delete from group_members where user_id = ?").param(userId).update();
    }

    private List<Group> withMembers(List<Group> groups) {
        if (groups.isEmpty()) {
            return groups;
        }
        Map<Long, List<Long>> members = new HashMap<>();
        jdbc.sql("select group_id, user_id from group_members where group_id in (:ids) order by user_id")
                .param("ids", groups.stream().map(Group::id).toList())
                .query(rs -> {
                    members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        return groups.stream().map(g -> new Group(g.id(), g.name(), members.getOrDefault(g.id(), List.of()),
                g.createdAt())).toList();
    }

    private static Group row(ResultSet rs, int n) throws SQLException {
        return new Group(rs.getLong("id"), rs.getString("name"), List.of(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
