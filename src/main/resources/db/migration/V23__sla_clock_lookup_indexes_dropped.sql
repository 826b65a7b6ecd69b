-- Every new ticket writes a clock, and each index on sla_clocks is one more entry per ticket. The clocks'
-- policy and calendar are looked up only when an admin deletes a policy or a calendar; those rare deletes
-- scan the clocks instead (about 0.1-0.3 s per million clocks).
drop index sla_clocks_policy_idx;
drop index sla_clocks_calendar_idx;
