-- EXPLAIN ANALYZE of the queries behind the agent views and the dashboard, on the generated data:
--   AFTER='psql -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -v agent=$AGENT_ID -f bench/pages/explain.sql' bench/pages/run.sh
\pset pager off
\echo '== unassigned view: page of 50'
explain (analyze, buffers, costs off) select t.id from tickets t where t.status in ('new','open','in_progress','pending') and t.assignee_id is null order by t.id desc limit 50;
\echo '== unassigned view: count (capped at 10,000)'
explain (analyze, buffers, costs off) select count(*) from (select 1 from tickets t where t.status in ('new','open','in_progress','pending') and t.assignee_id is null limit 10000) matching;
\echo '== my open tickets: page'
explain (analyze, buffers, costs off) select t.id from tickets t where t.status in ('new','open','in_progress','pending') and t.assignee_id = :agent order by t.id desc limit 50;
\echo '== a tag filter: page'
explain (analyze, buffers, costs off) select t.id from tickets t where exists (select 1 from ticket_tags g where g.ticket_id = t.id and g.tag = 'vip') order by t.id desc limit 50;
\echo '== the team for the assignee pickers (V14)'
explain (analyze, buffers, costs off) select u.id, u.name from users u where u.role in ('admin','agent') and u.active order by u.name, u.id;
\echo '== the dashboard: tickets by status and age'
explain (analyze, buffers, costs off) select status, count(*) from tickets where status in ('new','open','in_progress','pending','resolved') group by status;
