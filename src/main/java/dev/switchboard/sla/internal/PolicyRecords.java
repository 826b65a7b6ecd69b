package dev.switchboard.sla.internal;

import static dev.switchboard.sla.internal.CalendarRecords.at;
import static dev.switchboard.sla.internal.CalendarRecords.instant;
import static dev.switchboard.sla.internal.CalendarRecords.key;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SLA policies and their targets, in explicit SQL, in the order they apply. */
@Repository
class PolicyRecords {

    private static final String ORDER = " order by is_default, position, id";

    private final JdbcClient jdbc;

    PolicyRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every policy in the order they are tried: the default one last. */
    List<SlaPolicy> ordered() {
        Map<Long, Map<Priority, SlaPolicy.Targets>> targets = new HashMap<>();
        jdbc.sql("select policy_id, priority, first_response_minutes, resolution_minutes from sla_policy_targets")
                .query(rs -> {
                    targets.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Priority.class))
                            .put(Priority.parse("priority", rs.getString(2)), new SlaPolicy.Targets(
                                    Duration.ofMinutes(rs.getInt(3)), Duration.ofMinutes(rs.getInt(4))));
                });
        return jdbc.sql("select * from sla_policies" + ORDER)
                .query((rs, n) -> policy(rs, targets.getOrDefault(rs.getLong("id"), Map.of()))).list();
    }

    Optional<SlaPolicy> byId(long id) {
        return ordered().stream().filter(p -> p.id() == id).findFirst();
    }

    long insert(SlaPolicy p, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into sla_policies (name, name_key, position, is_default, calendar_id, organization_id,
                                                  group_id, category, channel, warning_percent, notify_managers,
                                                  raise_priority, escalate_group_id, escalate_agent_id, created_at, updated_at)
                        values (?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.name(), key(p.name()), p.position(), p.calendarId(), p.conditions().organizationId(),
                        p.conditions().groupId(), p.conditions().category(), channel(p), p.warningPercent(),
                        p.onBreach().notifyManagers(), p.onBreach().raisePriority(), p.onBreach().escalateGroupId(),
                        p.onBreach().escalateAgentId(), at(now), at(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        writeTargets(id, p.targets());
        return id;
    }

    void update(SlaPolicy p, Instant now) {
        jdbc.sql("""
                        update sla_policies set name = ?, name_key = ?, calendar_id = ?, organization_id = ?, group_id = ?,
                               category = ?, channel = ?, warning_percent = ?, notify_managers = ?, raise_priority = ?,
                               escalate_group_id = ?, escalate_agent_id = ?, updated_at = ?
                        where id = ?""")
                .params(p.name(), key(p.name()), p.calendarId(), p.conditions().organizationId(), p.conditions().groupId(),
                        p.conditions().category(), channel(p), p.warningPercent(), p.onBreach().notifyManagers(),
                        p.onBreach().raisePriority(), p.onBreach().escalateGroupId(), p.onBreach().escalateAgentId(),
                        at(now), p.id())
                .update();
        jdbc.sql("delete from sla_policy_targets where policy_id = ?").param(p.id()).update();
        writeTargets(p.id(), p.targets());
    }

    /** Writes positions 1..n in this order (the default policy keeps its own place, last). */
    void reorder(List<Long> ids) {
        for (int i = 0; i < ids.size(); i++) {
            jdbc.sql("update sla_policies set position = ? where id = ?").params(i + 1, ids.get(i)).update();
        }
    }

    /** Deletes a policy; clocks it ran keep their due times and count as the default policy's from now on. */
    void delete(long id, long defaultId) {
        jdbc.sql("update sla_clocks set policy_id = ? where policy_id = ?").params(defaultId, id).update();
        jdbc.sql("delete from sla_policies where id = ?").param(id).update();
    }

    private void writeTargets(long id, Map<Priority, SlaPolicy.Targets> targets) {
        for (Map.Entry<Priority, SlaPolicy.Targets> t : targets.entrySet()) {
            jdbc.sql("""
                            insert into sla_policy_targets (policy_id, priority, first_response_minutes, resolution_minutes)
                            values (?, ?, ?, ?)""")
                    .params(id, t.getKey().code(), t.getValue().firstResponse().toMinutes(), t.getValue().resolution().toMinutes())
                    .update();
        }
    }

    private static String channel(SlaPolicy p) {
        return p.conditions().channel() == null ? null : p.conditions().channel().code();
    }

    private static SlaPolicy policy(ResultSet rs, Map<Priority, SlaPolicy.Targets> targets) throws SQLException {
        Map<Priority, SlaPolicy.Targets> all = new EnumMap<>(SlaPolicy.DEFAULT_TARGETS);
        all.putAll(targets);
        String channel = rs.getString("channel");
        return new SlaPolicy(rs.getLong("id"), rs.getString("name"), rs.getInt("position"), rs.getBoolean("is_default"),
                rs.getLong("calendar_id"),
                new SlaPolicy.Conditions(rs.getObject("organization_id", Long.class), rs.getObject("group_id", Long.class),
                        rs.getString("category"), channel == null ? null : Channel.ofCode(channel)),
                Collections.unmodifiableMap(all), rs.getInt("warning_percent"),
                new SlaPolicy.BreachActions(rs.getBoolean("notify_managers"), rs.getBoolean("raise_priority"),
                        rs.getObject("escalate_group_id", Long.class), rs.getObject("escalate_agent_id", Long.class)),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
