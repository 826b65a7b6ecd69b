package dev.switchboard.ticket.internal;

import static dev.switchboard.ticket.internal.TicketRecords.at;
import static dev.switchboard.ticket.internal.TicketRecords.instant;

import dev.switchboard.ticket.TicketStatistics;
import dev.switchboard.ticket.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcTicketStatistics implements TicketStatistics {

    private static final List<TicketStatus> UNFINISHED = List.of(TicketStatus.NEW, TicketStatus.OPEN,
            TicketStatus.IN_PROGRESS, TicketStatus.PENDING);

    private final JdbcClient jdbc;

    JdbcTicketStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One pass over the (status, status_changed_at) index of unfinished tickets. */
    @Override
    public List<Aging> aging(Instant now) {
        StringBuilder sql = new StringBuilder("select status, count(*)");
        List<Object> params = new ArrayList<>();
        Instant newer = null;
        for (var bound : AGE_BUCKETS) {
            Instant older = now.minus(bound);
            sql.append(", count(case when status_changed_at > ?").append(newer == null ? "" : " and status_changed_at <= ?")
                    .append(" then 1 end)");
            params.add(at(older));
            if (newer != null) {
                params.add(at(newer));
            }
            newer = older;
        }
        sql.append(", count(case when status_changed_at <= ? then 1 end)");
        params.add(at(newer));
        sql.append(" from tickets where status in ('new', 'open', 'in_progress', 'pending') group by status");
        Map<TicketStatus, Aging> rows = new EnumMap<>(TicketStatus.class);
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            TicketStatus status = TicketStatus.parse("status", rs.getString(1));
            List<Long> buckets = new ArrayList<>();
            for (int i = 0; i <= AGE_BUCKETS.size(); i++) {
                buckets.add(rs.getLong(3 + i));
            }
            rows.put(status, new Aging(status, rs.getLong(2), buckets));
        });
        return UNFINISHED.stream().map(s -> rows.getOrDefault(s, new Aging(s, 0,
                java.util.Collections.nCopies(AGE_BUCKETS.size() + 1, 0L)))).toList();
    }

    @Override
    public List<Workload> workload() {
        return jdbc.sql("""
                        select t.assignee_id, u.name,
                               count(case when t.status = 'open' then 1 end) as open_count,
                               count(case when t.status = 'in_progress' then 1 end) as progress_count
                        from tickets t join users u on u.id = t.assignee_id
                        where t.status in ('open', 'in_progress') and t.assignee_id is not null
                        group by t.assignee_id, u.name
                        order by count(*) desc, u.name""")
                .query((rs, n) -> new Workload(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list();
    }

    @Override
    public Map<Long, Long> workloadOf(Collection<Long> agentIds) {
        Map<Long, Long> load = new HashMap<>();
        agentIds.forEach(id -> load.put(id, 0L));
        if (agentIds.isEmpty()) {
            return load;
        }
        jdbc.sql("""
                        select assignee_id, count(*) from tickets
                        where assignee_id in (:ids) and status in ('new', 'open', 'in_progress')
                        group by assignee_id""")
                .param("ids", agentIds)
                .query(rs -> {
                    load.put(rs.getLong(1), rs.getLong(2));
                });
        return load;
    }

    /** One short index range per status, merged here: cheaper than sorting every unfinished ticket. */
    @Override
    public List<Stuck> stuck(int limit) {
        List<Stuck> oldest = new ArrayList<>();
        for (TicketStatus status : UNFINISHED) {
            oldest.addAll(jdbc.sql("""
                            select t.id, t.subject, t.status, t.status_changed_at, u.name
                            from tickets t left join users u on u.id = t.assignee_id
                            where t.status = ? order by t.status_changed_at limit ?""")
                    .params(status.code(), limit)
                    .query((rs, n) -> new Stuck(rs.getLong(1), rs.getString(2), TicketStatus.parse("status", rs.getString(3)),
                            instant(rs, "status_changed_at"), rs.getString(5))).list());
        }
        return oldest.stream().sorted(Comparator.comparing(Stuck::since)).limit(limit).toList();
    }
}
