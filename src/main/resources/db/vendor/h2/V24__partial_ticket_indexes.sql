-- PostgreSQL makes two ticket indexes partial in this version (db/vendor/postgresql). H2 has no partial
-- indexes: it keeps the full ones, and the version is recorded here so both databases share one history.
select 1;
