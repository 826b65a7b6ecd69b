-- When each ticket entered its current status: aging and "stuck" views read it through an index instead
-- of searching the transition log.
alter table tickets add column status_changed_at timestamp with time zone;
update tickets set status_changed_at = coalesce(
    (select max(tr.occurred_at) from ticket_transitions tr where tr.ticket_id = tickets.id), created_at);
alter table tickets alter column status_changed_at set not null;
create index tickets_status_changed_idx on tickets (status, status_changed_at);
