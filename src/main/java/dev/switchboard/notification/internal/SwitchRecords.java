package dev.switchboard.notification.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification_switches table: a row for each notification an admin turned off (or back on). */
@Repository
class SwitchRecords {

    private final JdbcClient jdbc;

    SwitchRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every notification and whether it is sent (on without a row; only switchable ones can be off). */
    Map<TemplateKey, Boolean> all() {
        Map<TemplateKey, Boolean> all = new EnumMap<>(TemplateKey.class);
        for (TemplateKey key : TemplateKey.values()) {
            all.put(key, true);
        }
        jdbc.sql("select template_key, enabled from notification_switches")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBoolean(2))).list()
                .forEach(saved -> TemplateKey.ofCode(saved.getKey()).filter(TemplateKey::switchable)
                        .ifPresent(key -> all.put(key, saved.getValue())));
        return Collections.unmodifiableMap(all);
    }

    void save(TemplateKey key, boolean enabled, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        if (jdbc.sql("update notification_switches set enabled = ?, updated_at = ? where template_key = ?")
                .params(enabled, at, key.code()).update() == 0) {
            jdbc.sql("insert into notification_switches (template_key, enabled, updated_at) values (?, ?, ?)")
                    .params(key.code(), enabled, at).update();
        }
    }
}
