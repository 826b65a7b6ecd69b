-- A way out that is down as a whole (the SMTP relay refuses connections or our sign-in) pauses its channel:
-- its items wait without spending attempts, and the dispatcher tries the channel again when the pause ends.
-- One row per paused channel, shared by the nodes, so whichever node dispatches next knows, and the Outbox
-- page shows it.
create table outbox_channel_pauses (
    channel      varchar(32)   not null primary key,
    since        timestamp with time zone not null, -- the first failure of this outage
    paused_until timestamp with time zone not null,
    strikes      integer       not null,            -- failed tries in a row: the pause doubles with each
    reason       varchar(2000) not null
);

-- The dispatcher now claims each channel's due items apart (a paused channel's backlog is never scanned).
drop index outbox_due_idx;
create index outbox_due_idx on outbox (status, channel, next_attempt_at);
