-- The email admin pages. Mailboxes can be deleted: the row stays (the mail that came in on it still names
-- it), hidden from lists, and its address is free for a new mailbox. Quarantined mail can be discarded: its
-- raw source is erased, and the record of what it was, who discarded it, when and why stays.

alter table mailboxes add column deleted_at timestamp with time zone;
-- 0 while the mailbox exists, its own id once deleted: an address is unique among the mailboxes that exist,
-- and any number of deleted ones may have had it (H2 has no partial indexes).
alter table mailboxes add column deleted_slot bigint not null default 0;
drop index mailboxes_address_uq;
create unique index mailboxes_address_uq on mailboxes (address_normalized, deleted_slot);

alter table inbound_emails add column discarded_at timestamp with time zone;
alter table inbound_emails add column discarded_by bigint references users (id);
alter table inbound_emails add column discard_reason varchar(200);
alter table inbound_emails drop constraint inbound_emails_status_ck;
alter table inbound_emails add constraint inbound_emails_status_ck
    check (status in ('received', 'processed', 'quarantined', 'duplicate', 'ignored', 'discarded'));
-- The mailbox list counts each mailbox's mail by status.
create index inbound_emails_mailbox_idx on inbound_emails (mailbox_id, status);
