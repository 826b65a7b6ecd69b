package dev.switchboard.automation.internal;

import dev.switchboard.routing.TicketConditions.Condition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The triggers table; conditions and actions are JSON lists in their checked form. */
@Repository
class TriggerRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Condition>> CONDITIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<TriggerAction>> ACTIONS = new TypeReference<>() {
    };
    private static final String SELECT = """
            select id, name, event, position, conditions, actions, active, created_at, updated_at from triggers
            """;

    private final JdbcClient jdbc;

    TriggerRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every trigger, by event, then in the order they run. */
    List<Trigger> all() {
        return jdbc.sql(SELECT + " order by event, position, id").query(TriggerRecords::row).list();
    }

    /** The active triggers of every event, in the order they run. */
    List<Trigger> active() {
        return jdbc.sql(SELECT + " where active = true order by position, id").query(TriggerRecords::row).list();
    }

    Optional<Trigger> byId(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(TriggerRecords::row).optional();
    }

    long insert(Trigger trigger, String secret) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into triggers (name, event, position, conditions, actions, active, webhook_secret,
                                              created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(trigger.name(), trigger.event(), trigger.position(), JSON.writeValueAsString(trigger.conditions()),
                        JSON.writeValueAsString(trigger.actions()), trigger.active(), secret, at(trigger.createdAt()),
                        at(trigger.updatedAt()))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    void update(Trigger trigger) {
        jdbc.sql("""
                        update triggers set name = ?, event = ?, position = ?, conditions = ?, actions = ?, active = ?,
                               updated_at = ? where id = ?""")
                .params(trigger.name(), trigger.event(), trigger.position(), JSON.writeValueAsString(trigger.conditions()),
                        JSON.writeValueAsString(trigger.actions()), trigger.active(), at(trigger.updatedAt()), trigger.id())
                .update();
    }

    void reposition(long id, int position) {
        jdbc.sql("update triggers set position = ? where id = ?").params(position, id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from triggers where id = ?").param(id).update();
    }

    Optional<String> secret(long id) {
        return jdbc.sql("select webhook_secret from triggers where id = ?").param(id).query(String.class).optional();
    }

    void changeSecret(long id, String secret, Instant now) {
        jdbc.sql("update triggers set webhook_secret = ?, updated_at = ? where id = ?").params(secret, at(now), id).update();
    }

    private static Trigger row(ResultSet rs, int n) throws SQLException {
        return new Trigger(rs.getLong("id"), rs.getString("name"), rs.getString("event"), rs.getInt("position"),
                JSON.readValue(rs.getString("conditions"), CONDITIONS).stream().map(TriggerRecords::frozen).toList(),
                JSON.readValue(rs.getString("actions"), ACTIONS).stream().map(TriggerRecords::frozen).toList(),
                rs.getBoolean("active"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    /* Triggers are shared by every event's run (see ActiveTriggers): their lists and maps are made read-only. */

    private static Condition frozen(Condition c) {
        return new Condition(c.field(), c.operator(), frozen(c.value()));
    }

    private static TriggerAction frozen(TriggerAction a) {
        return new TriggerAction(a.type(), frozen(a.value()), a.to(), a.address(), a.subject(), a.body(),
                a.translations() == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(a.translations())),
                a.url());
    }

    private static Object frozen(Object value) {
        return value instanceof List<?> list ? Collections.unmodifiableList(new ArrayList<>(list)) : value;
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
