-- Only indexes that a new ticket has an entry in cost it anything. The auto-close sweep reads resolved
-- tickets only, and the organization's list reads tickets that have an organization: partial indexes hold
-- just those, so a new ticket (not resolved; often from a person without an organization) skips them.
-- H2 has no partial indexes and keeps the full ones (db/vendor/h2).
drop index tickets_status_resolved_idx;
create index tickets_resolved_idx on tickets (id, resolved_at) where status = 'resolved';
drop index tickets_organization_idx;
create index tickets_organization_idx on tickets (organization_id, id) where organization_id is not null;
