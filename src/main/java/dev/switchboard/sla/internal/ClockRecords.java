package dev.switchboard.sla.internal;

import static dev.switchboard.sla.internal.CalendarRecords.at;
import static dev.switchboard.sla.internal.CalendarRecords.instant;

import dev.switchboard.sla.SlaOutcome;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.storage.DeferredInserts;
import dev.switchboard.storage.TransactionMemo;
import dev.switchboard.ticket.Priority;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each ticket's SLA clocks (sla_clocks) and the record of met and missed targets (sla_outcomes). */
@Repository
class ClockRecords {

    /**
     * The sweep's query: clocks with a warning or breach due by now, in the order they fell due, a batch at
     * a time after the last one seen. It reads the index on next_check_at, never the other clocks.
     */
    static final String DUE = """
            select ticket_id, next_check_at from sla_clocks
            where next_check_at <= :now and (next_check_at, ticket_id) > (:after, :afterId)
            order by next_check_at, ticket_id
            limit :limit""";

    private final JdbcClient jdbc;
    /** New clocks are written as the transaction commits, with its other new rows (see {@link #insert}). */
    private final DeferredInserts deferred;
    /** A new ticket's clock, kept for the rest of its transaction (see {@link #rememberNew}). */
    private final TransactionMemo<Long, Viewed> kept = new TransactionMemo<>();

    ClockRecords(JdbcClient jdbc, DeferredInserts deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    /** Every statement but the insert goes through here: it sees the clocks this transaction started. */
    private JdbcClient.StatementSpec sql(String sql) {
        deferred.flush("sla_clocks");
        return jdbc.sql(sql);
    }

    /** A clock the sweep should look at, and where the next batch starts. */
    record Due(long ticketId, Instant checkAt) {
    }

    /** A clock with what a view of it needs: its policy's name and its calendar's current version. */
    record Viewed(SlaClock clock, String policyName, int calendarVersion) {
    }

    /**
     * Keeps the view of a clock this transaction has just started: the answer to a new ticket shows it, and
     * reading it back would be one more round trip per ticket. Any write of a clock forgets what is kept.
     */
    void rememberNew(Viewed viewed) {
        kept.remember(viewed.clock().ticketId(), viewed);
    }

    /** Starts a clock: written as the transaction commits, unless something reads clocks before that. */
    void insert(SlaClock c) {
        kept.forget(c.ticketId());
        deferred.add("""
                        insert into sla_clocks (ticket_id, policy_id, calendar_id, priority, warning_percent, started_at,
                            paused_since, first_response_target_seconds, first_response_paused_seconds, first_response_warn_at,
                            first_response_due_at, first_response_met_at, first_response_margin_seconds,
                            first_response_warned_at, first_response_breached_at, resolution_target_seconds,
                            resolution_paused_seconds, resolution_warn_at, resolution_due_at, resolution_met_at,
                            resolution_margin_seconds, resolution_warned_at, resolution_breached_at, next_check_at,
                            next_breach_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                values(Arrays.asList(c.ticketId(), c.policyId(), c.calendarId(), c.priority().code(), c.warningPercent(),
                        at(c.startedAt())), c).toArray());
    }

    void save(SlaClock c) {
        kept.forget(c.ticketId());
        List<Object> params = values(Arrays.asList(c.policyId(), c.calendarId(), c.priority().code(), c.warningPercent()), c);
        params.add(c.ticketId());
        sql("""
                        update sla_clocks set policy_id = ?, calendar_id = ?, priority = ?, warning_percent = ?,
                            paused_since = ?, first_response_target_seconds = ?, first_response_paused_seconds = ?,
                            first_response_warn_at = ?, first_response_due_at = ?, first_response_met_at = ?,
                            first_response_margin_seconds = ?, first_response_warned_at = ?, first_response_breached_at = ?,
                            resolution_target_seconds = ?, resolution_paused_seconds = ?, resolution_warn_at = ?,
                            resolution_due_at = ?, resolution_met_at = ?, resolution_margin_seconds = ?,
                            resolution_warned_at = ?, resolution_breached_at = ?, next_check_at = ?, next_breach_at = ?
                        where ticket_id = ?""")
                .params(params)
                .update();
    }

    /** What comes first, then the columns an insert and an update both write, paused_since to next_breach_at. */
    private static List<Object> values(List<Object> first, SlaClock c) {
        List<Object> values = new ArrayList<>(first);
        values.add(at(c.pausedSince()));
        for (SlaClock.Timer t : List.of(c.firstResponse(), c.resolution())) {
            values.addAll(Arrays.asList(t.targetSeconds(), t.pausedSeconds(), at(t.warnAt()), at(t.dueAt()), at(t.metAt()),
                    t.marginSeconds(), at(t.warnedAt()), at(t.breachedAt())));
        }
        values.addAll(Arrays.asList(at(c.nextCheckAt()), at(c.nextBreachAt())));
        return values;
    }

    /** Reads a ticket's clock and locks its row until the transaction ends. */
    Optional<SlaClock> lock(long ticketId) {
        kept.forget(ticketId);
        return sql("select * from sla_clocks where ticket_id = ? for update").param(ticketId)
                .query((rs, n) -> clock(rs)).optional();
    }

    /**
     * Locks the ticket's own row first, as every change to a ticket does before its events reach this module:
     * the sweep then takes the two row locks in the same order as an agent's change, and cannot deadlock
     * with one. Only the lock is taken; the ticket is read and changed through {@code Tickets}.
     */
    boolean lockTicket(long ticketId) {
        return sql("select id from tickets where id = ? for update").param(ticketId).query(Long.class).optional()
                .isPresent();
    }

    /**
     * Marks a warning or breach as acted on, only if no one has yet: the claim that makes each happen once
     * even if two sweeps reach the same clock.
     */
    boolean claim(long ticketId, SlaTarget target, boolean breach, Instant at) {
        kept.forget(ticketId);
        String column = target.code() + (breach ? "_breached_at" : "_warned_at");
        return sql("update sla_clocks set " + column + " = ? where ticket_id = ? and " + column + " is null")
                .params(at(at), ticketId).update() == 1;
    }

    List<Due> dueBy(Instant now, Instant after, long afterId, int limit) {
        return sql(DUE).param("now", at(now)).param("after", at(after)).param("afterId", afterId).param("limit", limit)
                .query((rs, n) -> new Due(rs.getLong(1), instant(rs, "next_check_at"))).list();
    }

    /** The clocks of these tickets, in one query: list pages ask for a page at a time. */
    List<Viewed> views(Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        if (ticketIds.size() == 1) {
            long id = ticketIds.iterator().next();
            return kept.get(id, () -> read(ticketIds).stream().findFirst()).stream().toList();
        }
        return read(ticketIds);
    }

    private List<Viewed> read(Collection<Long> ticketIds) {
        return sql("""
                        select c.*, p.name as policy_name, k.version as calendar_version
                        from sla_clocks c
                        join sla_policies p on p.id = c.policy_id
                        join business_calendars k on k.id = c.calendar_id
                        where c.ticket_id in (:ids)""")
                .param("ids", ticketIds)
                .query((rs, n) -> new Viewed(clock(rs), rs.getString("policy_name"), rs.getInt("calendar_version"))).list();
    }

    List<Long> breachingBetween(Instant from, Instant until, int limit) {
        return sql("""
                        select ticket_id from sla_clocks where next_breach_at > ? and next_breach_at <= ?
                        order by next_breach_at, ticket_id limit ?""")
                .params(at(from), at(until), limit).query(Long.class).list();
    }

    // ---- the record for reports

    void recordOutcome(SlaOutcome o) {
        forgetOutcome(o.ticketId(), o.target());
        sql("""
                        insert into sla_outcomes (ticket_id, target, policy_id, priority, due_at, met_at, met, margin_seconds)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(o.ticketId(), o.target().code(), o.policyId(), o.priority(), at(o.dueAt()), at(o.metAt()), o.met(),
                        o.marginSeconds())
                .update();
    }

    void forgetOutcome(long ticketId, SlaTarget target) {
        sql("delete from sla_outcomes where ticket_id = ? and target = ?").params(ticketId, target.code()).update();
    }

    List<SlaOutcome> outcomes(long ticketId) {
        return sql("select * from sla_outcomes where ticket_id = ? order by met_at").param(ticketId)
                .query((rs, n) -> new SlaOutcome(rs.getLong("ticket_id"),
                        SlaTarget.valueOf(rs.getString("target").toUpperCase(java.util.Locale.ROOT)), rs.getLong("policy_id"),
                        rs.getString("priority"), instant(rs, "due_at"), instant(rs, "met_at"), rs.getBoolean("met"),
                        rs.getLong("margin_seconds")))
                .list();
    }

    private static SlaClock clock(ResultSet rs) throws SQLException {
        return new SlaClock(rs.getLong("ticket_id"), rs.getLong("policy_id"), rs.getLong("calendar_id"),
                Priority.parse("priority", rs.getString("priority")), rs.getInt("warning_percent"),
                instant(rs, "started_at"), instant(rs, "paused_since"), timer(rs, "first_response"), timer(rs, "resolution"));
    }

    private static SlaClock.Timer timer(ResultSet rs, String prefix) throws SQLException {
        List<Instant> instants = new ArrayList<>();
        for (String column : List.of("_warn_at", "_due_at", "_met_at", "_warned_at", "_breached_at")) {
            instants.add(instant(rs, prefix + column));
        }
        return new SlaClock.Timer(rs.getLong(prefix + "_target_seconds"), rs.getLong(prefix + "_paused_seconds"),
                instants.get(0), instants.get(1), instants.get(2), rs.getObject(prefix + "_margin_seconds", Long.class),
                instants.get(3), instants.get(4));
    }
}
