package dev.switchboard.sla.internal;

import dev.switchboard.sla.Holiday;
import dev.switchboard.sla.OpeningHours;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Business calendars, their weekly hours and their holidays, in explicit SQL. */
@Repository
class CalendarRecords {

    private final JdbcClient jdbc;

    CalendarRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredCalendar> all() {
        List<Row> rows = jdbc.sql("select * from business_calendars order by name_key").query(CalendarRecords::row).list();
        return complete(rows);
    }

    Optional<StoredCalendar> byId(long id) {
        return jdbc.sql("select * from business_calendars where id = ?").param(id).query(CalendarRecords::row).optional()
                .map(r -> complete(List.of(r)).get(0));
    }

    Optional<Integer> version(long id) {
        return jdbc.sql("select version from business_calendars where id = ?").param(id).query(Integer.class).optional();
    }

    long insert(String name, ZoneId zone, OpeningHours hours, List<Holiday> holidays, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into business_calendars (name, name_key, time_zone, version, created_at, updated_at)
                        values (?, ?, ?, 0, ?, ?)""")
                .params(name, key(name), zone.getId(), at(now), at(now)).update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        writeHours(id, hours);
        addHolidays(id, holidays);
        return id;
    }

    /** Changes what is given (null: unchanged) and bumps the version, so every node's cache reloads it. */
    void update(long id, String name, ZoneId zone, OpeningHours hours, List<Holiday> holidays, Instant now) {
        if (name != null) {
            jdbc.sql("update business_calendars set name = ?, name_key = ? where id = ?").params(name, key(name), id).update();
        }
        if (zone != null) {
            jdbc.sql("update business_calendars set time_zone = ? where id = ?").params(zone.getId(), id).update();
        }
        if (hours != null) {
            jdbc.sql("delete from business_calendar_hours where calendar_id = ?").param(id).update();
            writeHours(id, hours);
        }
        if (holidays != null) {
            jdbc.sql("delete from business_calendar_holidays where calendar_id = ?").param(id).update();
            addHolidays(id, holidays);
        }
        touch(id, now);
    }

    /** Adds holidays the calendar does not have yet; answers how many were new. */
    int addHolidays(long id, Collection<Holiday> holidays) {
        int added = 0;
        for (Holiday h : holidays) {
            added += jdbc.sql("""
                            insert into business_calendar_holidays (calendar_id, holiday_date, yearly, name)
                            values (?, ?, ?, ?) on conflict do nothing""")
                    .params(id, h.date(), h.yearly(), h.name()).update();
        }
        return added;
    }

    void touch(long id, Instant now) {
        jdbc.sql("update business_calendars set version = version + 1, updated_at = ? where id = ?").params(at(now), id).update();
    }

    boolean usedByPolicies(long id) {
        return jdbc.sql("select exists (select 1 from sla_policies where calendar_id = ?)").param(id).query(Boolean.class).single();
    }

    boolean usedByClocks(long id) {
        return jdbc.sql("select exists (select 1 from sla_clocks where calendar_id = ?)").param(id).query(Boolean.class).single();
    }

    void delete(long id) {
        jdbc.sql("delete from business_calendars where id = ?").param(id).update();
    }

    private void writeHours(long id, OpeningHours hours) {
        for (DayOfWeek day : DayOfWeek.values()) {
            for (OpeningHours.Interval interval : hours.on(day)) {
                jdbc.sql("""
                                insert into business_calendar_hours (calendar_id, day_of_week, opens_minute, closes_minute)
                                values (?, ?, ?, ?)""")
                        .params(id, day.getValue(), interval.from().toSecondOfDay() / 60, interval.to().toSecondOfDay() / 60)
                        .update();
            }
        }
    }

    private record Row(long id, String name, ZoneId zone, int version, Instant createdAt, Instant updatedAt) {
    }

    /** Adds hours and holidays to calendar rows: one query each, whatever the number of calendars. */
    private List<StoredCalendar> complete(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, Map<DayOfWeek, List<OpeningHours.Interval>>> hours = new HashMap<>();
        jdbc.sql("""
                        select calendar_id, day_of_week, opens_minute, closes_minute from business_calendar_hours
                        where calendar_id in (:ids) order by opens_minute""")
                .param("ids", ids)
                .query(rs -> {
                    hours.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(DayOfWeek.class))
                            .computeIfAbsent(DayOfWeek.of(rs.getInt(2)), k -> new ArrayList<>())
                            .add(new OpeningHours.Interval(LocalTime.ofSecondOfDay(rs.getInt(3) * 60L),
                                    LocalTime.ofSecondOfDay(rs.getInt(4) * 60L)));
                });
        Map<Long, List<Holiday>> holidays = new HashMap<>();
        jdbc.sql("""
                        select calendar_id, holiday_date, yearly, name from business_calendar_holidays
                        where calendar_id in (:ids) order by holiday_date, yearly""")
                .param("ids", ids)
                .query(rs -> {
                    holidays.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Holiday(rs.getObject(2, LocalDate.class), rs.getBoolean(3), rs.getString(4)));
                });
        return rows.stream().map(r -> new StoredCalendar(r.id(), r.name(), r.zone(),
                new OpeningHours(hours.getOrDefault(r.id(), Map.of())), holidays.getOrDefault(r.id(), List.of()),
                r.version(), r.createdAt(), r.updatedAt())).toList();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")), rs.getInt("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
