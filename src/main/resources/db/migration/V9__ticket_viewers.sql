-- Who has a ticket open right now, refreshed by their page every few seconds; in the database so agents on
-- different nodes see each other.
create table ticket_viewers (
    ticket_id bigint not null references tickets (id) on delete cascade,
    user_id   bigint not null references users (id),
    seen_at   timestamp with time zone not null,
    primary key (ticket_id, user_id)
);
create index ticket_viewers_seen_idx on ticket_viewers (ticket_id, seen_at);
