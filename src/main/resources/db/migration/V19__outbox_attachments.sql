-- The files an outbox item carries (an agent's reply with attachments). They are referenced, not copied: a
-- reply to five people keeps its files once, and a retry days later still finds them (files are never
-- deleted). Only files of public messages are ever listed here; the email channel checks that again.
create table outbox_attachments (
    outbox_id     bigint  not null references outbox (id) on delete cascade,
    attachment_id bigint  not null references attachments (id),
    position      integer not null,
    primary key (outbox_id, attachment_id)
);
