import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Fills a Switchboard database (already migrated) with a large helpdesk, in SQL, in seconds rather than
 * hours: 49 more agents, 5 groups, 100,000 customers and N tickets in every status, spread over two
 * years, assigned over 50 agents (one in five unassigned), with tags on some. Then ANALYZE, so the
 * planner sees what production would.
 *
 * <pre>java -cp &lt;classpath with the PostgreSQL driver&gt; GenerateTickets &lt;jdbc url&gt; &lt;tickets&gt; &lt;bench agent id&gt;</pre>
 */
public class GenerateTickets {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long tickets = Long.parseLong(args[1]);
        long benchAgent = Long.parseLong(args[2]);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("""
                    insert into users (name, email, email_normalized, role, active, created_at, updated_at)
                    select 'Agent ' || g, 'agent' || g || '@bench.example', 'agent' || g || '@bench.example', 'agent', true,
                           now(), now()
                    from generate_series(1, 49) g""");
            s.execute("""
                    insert into users (name, email, email_normalized, role, active, created_at, updated_at)
                    select 'Customer ' || g, 'c' || g || '@customers.example', 'c' || g || '@customers.example',
                           'customer', true, now(), now()
                    from generate_series(1, 100000) g""");
            s.execute("""
                    insert into agent_groups (name, name_key, created_at)
                    select 'Group ' || g, 'group ' || g, now() from generate_series(1, 5) g""");
            long firstCustomer = one(s, "select min(id) from users where role = 'customer'");
            long firstGroup = one(s, "select min(id) from agent_groups where name like 'Group %'");
            s.execute("insert into group_members (group_id, user_id) select " + firstGroup + ", " + benchAgent);
            // agents: the benchmark's own agent first, then the 49 generated ones
            s.execute("create temporary table bench_agents as select row_number() over (order by id) - 1 as n, id from ("
                    + " select " + benchAgent + " as id union all"
                    + " select id from users where email like 'agent%@bench.example') a");
            s.execute("""
                    insert into tickets (subject, description, status, priority, category, channel, requester_id,
                                         assignee_id, group_id, created_at, updated_at, status_changed_at,
                                         resolved_at, closed_at, first_response_at, reopen_count, version)
                    select 'Ticket ' || g || ': printer tray jams again', 'Details of request ' || g,
                           st.status,
                           (array['low', 'normal', 'normal', 'normal', 'high', 'critical'])[1 + (g %% 6)::int],
                           (array['billing', 'hardware', 'account', 'network', null])[1 + (g %% 5)::int],
                           (array['email', 'web', 'api', 'widget', 'phone'])[1 + (g %% 5)::int],
                           %d + (g %% 100000),
                           case when g %% 5 = 0 then null else agents.ids[1 + ((g / 5) %% 50)::int] end,
                           %d + (g %% 5),
                           ts.created, ts.created + interval '1 hour', ch.at,
                           case when st.status in ('resolved', 'closed') then ch.at end,
                           case when st.status = 'closed' then ch.at end,
                           case when st.status <> 'new' then ts.created + interval '20 minutes' end,
                           0, 0
                    from generate_series(1, %d) g
                    cross join (select array_agg(id order by n) as ids from bench_agents) agents
                    cross join lateral (select case
                               when r < 0.05 then 'new' when r < 0.15 then 'open' when r < 0.23 then 'in_progress'
                               when r < 0.30 then 'pending' when r < 0.40 then 'resolved' else 'closed' end as status
                           from (select random() + g * 0 as r) x) st
                    cross join lateral (select now() - (random() + g * 0) * interval '730 days' as created) c
                    cross join lateral (select c.created as created,
                           c.created + (now() - c.created) * (random() + g * 0) as changed) ts
                    -- resolved tickets were resolved within the auto-close delay (48 h), as on a live helpdesk:
                    -- older ones would be closed, and the auto-close job would work through them while pages are timed
                    cross join lateral (select case when st.status = 'resolved'
                           then greatest(ts.created, now() - (random() + g * 0) * interval '47 hours')
                           else ts.changed end as at) ch"""
                    .formatted(firstCustomer, firstGroup, tickets));
            s.execute("""
                    insert into ticket_tags (ticket_id, tag)
                    select id, (array['vip', 'printer', 'billing', 'urgent'])[1 + (id % 4)::int] from tickets where id % 7 = 0""");
            s.execute("analyze");
            try (ResultSet rs = s.executeQuery("select status, count(*) from tickets group by status order by status")) {
                StringBuilder counts = new StringBuilder();
                while (rs.next()) {
                    counts.append(rs.getString(1)).append('=').append(rs.getLong(2)).append(' ');
                }
                System.out.printf("generated %d tickets in %.1f s: %s%n", tickets, (System.nanoTime() - t0) / 1e9, counts);
            }
        }
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
