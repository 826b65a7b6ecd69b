-- The hourly cap counts a recipient's automatic mails of a kind that are not held; with the status in the
-- index, PostgreSQL answers the count from the index alone instead of visiting each row.
drop index outbox_recipient_idx;
create index outbox_recipient_idx on outbox (recipient, kind, created_at, status);
