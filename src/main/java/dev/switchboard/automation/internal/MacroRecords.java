package dev.switchboard.automation.internal;

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

/** The macros table; actions are a JSON list in their checked form. */
@Repository
class MacroRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private static final String SELECT = "select id, name, owner_id, actions, created_at, updated_at from macros";

    private final JdbcClient jdbc;

    MacroRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The shared macros and this agent's own, by name. */
    List<Macro> visibleTo(long userId) {
        return jdbc.sql(SELECT + " where owner_id is null or owner_id = ? order by name, id").param(userId)
                .query(MacroRecords::row).list();
    }

    Optional<Macro> byId(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(MacroRecords::row).optional();
    }

    long insert(String name, Long ownerId, List<MacroAction> actions, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into macros (name, owner_id, actions, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(name, ownerId, JSON.writeValueAsString(actions), at(now), at(now)).update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    void update(long id, String name, List<MacroAction> actions, Instant now) {
        jdbc.sql("update macros set name = ?, actions = ?, updated_at = ? where id = ?")
                .params(name, JSON.writeValueAsString(actions), at(now), id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from macros where id = ?").param(id).update();
    }

    private static Macro row(ResultSet rs, int n) throws SQLException {
        List<MacroAction> actions = JSON.readValue(rs.getString("actions"), LIST).stream()
                .map(m -> new MacroAction((String) m.get("type"), (String) m.get("body"), m.get("value"))).toList();
        return new Macro(rs.getLong("id"), rs.getString("name"), rs.getObject("owner_id", Long.class), actions,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
