package dev.switchboard.automation.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The trigger_runs table: each time a trigger fired on a ticket, and what came of it. */
@Repository
class TriggerRunRecords {

    static final int MAX_OUTCOME = 2000;

    /** One run, as the admin page lists it. */
    record Run(long triggerId, long ticketId, String event, String outcome, Instant firedAt) {
    }

    /** How often a trigger fired lately, and when last. */
    record Activity(long runs, Instant lastFiredAt) {
    }

    private final JdbcClient jdbc;

    TriggerRunRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long triggerId, long ticketId, String event, String outcome, Instant at) {
        jdbc.sql("insert into trigger_runs (trigger_id, ticket_id, event, outcome, fired_at) values (?, ?, ?, ?, ?)")
                .params(triggerId, ticketId, event, outcome.length() > MAX_OUTCOME
                        ? outcome.substring(0, MAX_OUTCOME - 1) + "…" : outcome, at(at))
                .update();
    }

    /** How many times the trigger fired on the ticket since then: the brake on loops through the outside. */
    int countSince(long triggerId, long ticketId, Instant since) {
        return jdbc.sql("select count(*) from trigger_runs where trigger_id = ? and ticket_id = ? and fired_at > ?")
                .params(triggerId, ticketId, at(since)).query(Integer.class).single();
    }

    /** The trigger's latest runs, newest first. */
    List<Run> latest(long triggerId, int limit) {
        return jdbc.sql("""
                        select trigger_id, ticket_id, event, outcome, fired_at from trigger_runs
                        where trigger_id = ? order by fired_at desc, id desc limit ?""")
                .params(triggerId, limit)
                .query((rs, n) -> new Run(rs.getLong("trigger_id"), rs.getLong("ticket_id"), rs.getString("event"),
                        rs.getString("outcome"), rs.getObject("fired_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Every trigger's runs since then, and its last run ever (kept ones). */
    Map<Long, Activity> activitySince(Instant since) {
        Map<Long, Activity> activity = new HashMap<>();
        jdbc.sql("""
                        select trigger_id, sum(case when fired_at > ? then 1 else 0 end) as recent, max(fired_at) as last_at
                        from trigger_runs group by trigger_id""")
                .param(at(since))
                .query((rs, n) -> activity.put(rs.getLong("trigger_id"), new Activity(rs.getLong("recent"),
                        rs.getObject("last_at", OffsetDateTime.class).toInstant())))
                .list();
        return activity;
    }

    int forgetBefore(Instant before) {
        return jdbc.sql("delete from trigger_runs where fired_at < ?").param(at(before)).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
