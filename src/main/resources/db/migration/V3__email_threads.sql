-- Every Message-ID we sent or received, with the ticket it belongs to: how replies find their ticket.
create table email_threads (
    message_id_header varchar(998) not null primary key,
    ticket_id         bigint       not null references tickets (id),
    message_id        bigint references messages (id),
    outbound          boolean      not null,
    created_at        timestamp with time zone not null
);
create index email_threads_ticket_idx on email_threads (ticket_id, created_at);
