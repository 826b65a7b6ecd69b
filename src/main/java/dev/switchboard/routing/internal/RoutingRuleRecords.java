package dev.switchboard.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The routing_rules table; conditions and actions are stored as JSON lists in their checked form. */
@Repository
class RoutingRuleRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private static final String SELECT = """
            select id, name, position, conditions, actions, stop, active, created_at, updated_at from routing_rules
            """;

    private final JdbcClient jdbc;

    RoutingRuleRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RoutingRule> all() {
        return jdbc.sql(SELECT + " order by position, id").query(RoutingRuleRecords::row).list();
    }

    /** Every rule, in order, each row locked until the transaction ends. */
    List<RoutingRule> allLocked() {
        return jdbc.sql(SELECT + " order by position, id for update").query(RoutingRuleRecords::row).list();
    }

    void moveTo(long id, int position, Instant now) {
        jdbc.sql("update routing_rules set position = ?, updated_at = ? where id = ?").params(position, at(now), id).update();
    }

    Optional<RoutingRule> byId(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(RoutingRuleRecords::row).optional();
    }

    long insert(RoutingRule rule) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into routing_rules (name, position, conditions, actions, stop, active, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(rule.name(), rule.position(), JSON.writeValueAsString(rule.conditions()),
                        JSON.writeValueAsString(rule.actions()), rule.stop(), rule.active(), at(rule.createdAt()),
                        at(rule.updatedAt()))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    void update(RoutingRule rule) {
        jdbc.sql("""
                        update routing_rules set name = ?, position = ?, conditions = ?, actions = ?, stop = ?, active = ?,
                               updated_at = ? where id = ?""")
                .params(rule.name(), rule.position(), JSON.writeValueAsString(rule.conditions()),
                        JSON.writeValueAsString(rule.actions()), rule.stop(), rule.active(), at(rule.updatedAt()), rule.id())
                .update();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from routing_rules where id = ?").param(id).update() > 0;
    }

    private static RoutingRule row(ResultSet rs, int n) throws SQLException {
        List<Condition> conditions = JSON.readValue(rs.getString("conditions"), LIST).stream()
                .map(m -> new Condition((String) m.get("field"), (String) m.get("operator"), frozen(m.get("value")))).toList();
        List<RuleAction> actions = JSON.readValue(rs.getString("actions"), LIST).stream()
                .map(m -> new RuleAction((String) m.get("type"), frozen(m.get("value")))).toList();
        return new RoutingRule(rs.getLong("id"), rs.getString("name"), rs.getInt("position"), conditions, actions,
                rs.getBoolean("stop"), rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    /** A list value (in, not_in, add_tags) that no reader can change: rules are shared by every ticket's routing. */
    private static Object frozen(Object value) {
        return value instanceof List<?> list ? List.copyOf(list) : value;
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
