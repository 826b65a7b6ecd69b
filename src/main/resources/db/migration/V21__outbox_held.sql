-- An automatic mail over its hourly cap is kept as 'held' (visible to admins, sent only if one says so)
-- instead of being dropped with a line in the log.
alter table outbox drop constraint outbox_status_ck;
alter table outbox add constraint outbox_status_ck check (status in ('pending', 'sent', 'dead', 'held'));
