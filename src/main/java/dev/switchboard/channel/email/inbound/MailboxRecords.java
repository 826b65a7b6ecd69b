package dev.switchboard.channel.email.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class MailboxRecords {

    private static final String SELECT = """
            select id, address, imap_host, imap_port, security, username, password_encrypted, folder,
                   poll_interval_seconds, group_id, active, last_polled_at, last_error, last_error_at, created_at, updated_at
            from mailboxes""";
    private static final int MAX_ERROR = 2000;

    private final JdbcClient jdbc;

    MailboxRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    long insert(Mailbox m, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into mailboxes (address, address_normalized, imap_host, imap_port, security, username,
                                               password_encrypted, folder, poll_interval_seconds, group_id, active,
                                               created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?)""")
                .params(m.address(), normalize(m.address()), m.imapHost(), m.imapPort(), m.security().code(),
                        m.username(), m.passwordEncrypted(), m.folder(), m.pollIntervalSeconds(), m.groupId(), at(now),
                        at(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    void update(Mailbox m, Instant now) {
        jdbc.sql("""
                        update mailboxes set address = ?, address_normalized = ?, imap_host = ?, imap_port = ?,
                               security = ?, username = ?, password_encrypted = ?, folder = ?, poll_interval_seconds = ?,
                               group_id = ?, active = ?, updated_at = ?
                        where id = ? and deleted_at is null""")
                .params(m.address(), normalize(m.address()), m.imapHost(), m.imapPort(), m.security().code(),
                        m.username(), m.passwordEncrypted(), m.folder(), m.pollIntervalSeconds(), m.groupId(),
                        m.active(), at(now), m.id())
                .update();
    }

    /**
     * Deletes a mailbox: it stops being polled and disappears from lists, while the row stays for the mail
     * that came in on it, and its address is free for a new mailbox. Answers false if it was deleted already.
     */
    boolean delete(long id, Instant now) {
        return jdbc.sql("""
                        update mailboxes set active = false, deleted_at = ?, deleted_slot = id, updated_at = ?
                        where id = ? and deleted_at is null""")
                .params(at(now), at(now), id).update() == 1;
    }

    boolean addressTaken(String address, long exceptId) {
        return jdbc.sql("""
                        select exists (select 1 from mailboxes
                                       where address_normalized = ? and id <> ? and deleted_at is null)""")
                .params(normalize(address), exceptId).query(Boolean.class).single();
    }

    Optional<Mailbox> byId(long id) {
        return jdbc.sql(SELECT + " where id = ? and deleted_at is null").param(id).query(MailboxRecords::row).optional();
    }

    /** Mailboxes after {@code afterId}, in id order: mailboxes are few, but lists are paginated everywhere. */
    List<Mailbox> page(Long afterId, int limit) {
        return jdbc.sql(SELECT + " where id > ? and deleted_at is null order by id limit ?").params(afterId == null ? 0 : afterId, limit)
                .query(MailboxRecords::row).list();
    }

    List<Mailbox> active() {
        return jdbc.sql(SELECT + " where active and deleted_at is null order by id").query(MailboxRecords::row).list();
    }

    /** Every mailbox address, normalized (active or paused, not deleted: mail from any of them is ours). */
    List<String> allAddresses() {
        return jdbc.sql("select address_normalized from mailboxes where deleted_at is null").query(String.class).list();
    }

    /** The address of every mailbox there ever was, deleted ones too: what the quarantine list names. */
    Map<Long, String> addressesById() {
        Map<Long, String> addresses = new HashMap<>();
        jdbc.sql("select id, address from mailboxes").query(rs -> {
            addresses.put(rs.getLong("id"), rs.getString("address"));
        });
        return addresses;
    }

    /** How many inbound emails each mailbox has stored, by what became of them. */
    Map<Long, Map<InboundStatus, Long>> mailCounts() {
        Map<Long, Map<InboundStatus, Long>> counts = new HashMap<>();
        jdbc.sql("""
                        select mailbox_id, status, count(*) as n from inbound_emails
                        where mailbox_id is not null group by mailbox_id, status""")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong("mailbox_id"), k -> new EnumMap<>(InboundStatus.class))
                            .put(InboundStatus.of(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    /** The active mailbox with one of these addresses, if any: how webhook mail finds its mailbox. */
    Optional<Mailbox> activeByAddress(List<String> addresses) {
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where active and deleted_at is null and address_normalized in (:addresses) order by id limit 1")
                .param("addresses", addresses.stream().map(MailboxRecords::normalize).distinct().toList())
                .query(MailboxRecords::row).optional();
    }

    /** The address of the active mailbox a ticket's first inbound mail came in on. */
    Optional<String> addressForTicket(long ticketId) {
        return jdbc.sql("""
                        select m.address from inbound_emails e join mailboxes m on m.id = e.mailbox_id
                        where e.ticket_id = ? and m.active and m.deleted_at is null order by e.id limit 1""")
                .param(ticketId).query(String.class).optional();
    }

    void polled(long id, Instant at, String error) {
        if (error == null) {
            jdbc.sql("update mailboxes set last_polled_at = ?, last_error = null where id = ?").params(at(at), id).update();
        } else {
            String message = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
            jdbc.sql("update mailboxes set last_polled_at = ?, last_error = ?, last_error_at = ? where id = ?")
                    .params(at(at), message, at(at), id).update();
        }
    }

    private static Mailbox row(ResultSet rs, int n) throws SQLException {
        return new Mailbox(rs.getLong("id"), rs.getString("address"), rs.getString("imap_host"), rs.getInt("imap_port"),
                MailboxSecurity.parse("security", rs.getString("security")), rs.getString("username"),
                rs.getString("password_encrypted"), rs.getString("folder"), rs.getInt("poll_interval_seconds"),
                rs.getObject("group_id", Long.class), rs.getBoolean("active"), instant(rs, "last_polled_at"),
                rs.getString("last_error"), instant(rs, "last_error_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
