package dev.switchboard.identity.internal;

import dev.switchboard.identity.Role;
import dev.switchboard.storage.TransactionMemo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The users table. Emails are unique ignoring case: lookups go through the normalized column. */
@Repository
class UserRecords {

    /** The columns {@link #row} reads, for every query that loads users (with {@code u} and {@code o} joined). */
    static final String COLUMNS = """
            u.id, u.name, u.email, u.role, u.organization_id, coalesce(o.shared_tickets, false) as shared,
            u.password_hash, u.active, u.locale, u.email_notifications, u.created_at, u.updated_at,
            u.availability, u.capacity""";

    private static final String SELECT = "select " + COLUMNS + """

            from users u left join organizations o on o.id = u.organization_id
            """;

    private final JdbcClient jdbc;
    /** Intake finds the requester by email, and the confirmation then needs them by id: one read serves both. */
    private final TransactionMemo<Long, UserRow> read = new TransactionMemo<>();

    UserRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Forgets the users read in this transaction; their organization's sharing is part of them. */
    void forgetRead() {
        read.forget();
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    Optional<UserRow> byEmail(String email) {
        Optional<UserRow> found = jdbc.sql(SELECT + " where u.email_normalized = ?").param(normalize(email))
                .query(UserRecords::row).optional();
        found.ifPresent(user -> read.remember(user.id(), user));
        return found;
    }

    Optional<UserRow> byId(long id) {
        return read.get(id, () -> jdbc.sql(SELECT + " where u.id = ?").param(id).query(UserRecords::row).optional());
    }

    List<UserRow> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where u.id in (:ids)").param("ids", ids).query(UserRecords::row).list();
    }

    List<UserRow> page(Role role, Long organizationId, long afterId, int limit) {
        return jdbc.sql(SELECT + """
                         where (cast(:role as varchar(16)) is null or u.role = :role)
                           and (cast(:org as bigint) is null or u.organization_id = :org)
                           and u.id > :after
                         order by u.id limit :limit""")
                .param("role", role == null ? null : role.code())
                .param("org", organizationId)
                .param("after", afterId)
                .param("limit", limit)
                .query(UserRecords::row).list();
    }

    List<UserRow> activeStaff() {
        return jdbc.sql(SELECT + " where u.role in ('admin', 'agent') and u.active order by u.name, u.id")
                .query(UserRecords::row).list();
    }

    boolean any() {
        return jdbc.sql("select exists (select 1 from users)").query(Boolean.class).single();
    }

    /** Inserts unless the email is taken; answers the new id, or empty when someone has that email. */
    Optional<Long> insert(String name, String email, Role role, Long organizationId, String passwordHash, Instant now) {
        read.forget();
        KeyHolder keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                        insert into users (name, email, email_normalized, role, organization_id, password_hash, active,
                                           created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, true, ?, ?) on conflict do nothing""")
                .params(name, email.trim(), normalize(email), role.code(), organizationId, passwordHash, at(now), at(now))
                .update(keys, "id");
        return inserted == 0 ? Optional.empty() : Optional.of(keys.getKeyAs(Long.class));
    }

    void update(UserRow user, Instant now) {
        read.forget();
        jdbc.sql("""
                        update users set name = ?, role = ?, organization_id = ?, password_hash = ?, active = ?, locale = ?,
                               email_notifications = ?, updated_at = ?
                        where id = ?""")
                .params(user.name(), user.role().code(), user.organizationId(), user.passwordHash(), user.active(),
                        user.locale(), user.emailNotifications(), at(now), user.id())
                .update();
    }

    /** Availability and capacity are written on their own: the routing module reads them, nothing else writes them. */
    void updateWorkSettings(long id, String availability, int capacity, Instant now) {
        read.forget();
        jdbc.sql("update users set availability = ?, capacity = ?, updated_at = ? where id = ?")
                .params(availability, capacity, at(now), id).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Maps a row with the columns of {@link #SELECT} (by name, so other queries can read users the same way). */
    static UserRow row(ResultSet rs, int n) throws SQLException {
        return new UserRow(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                Role.ofUser(rs.getString("role")), rs.getObject("organization_id", Long.class),
                rs.getBoolean("shared"), rs.getString("password_hash"), rs.getBoolean("active"), rs.getString("locale"),
                rs.getBoolean("email_notifications"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getString("availability"), rs.getInt("capacity"));
    }
}
