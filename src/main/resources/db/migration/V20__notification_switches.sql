-- Automatic ticket notifications an admin has turned off or on again (for example the built-in confirmation,
-- when a trigger's auto-reply answers new tickets instead). A notification with no row here is on.
create table notification_switches (
    template_key varchar(40)              primary key,
    enabled      boolean                  not null,
    updated_at   timestamp with time zone not null
);
