package dev.switchboard.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Personal API tokens. Only a SHA-256 digest is stored: tokens carry 256 random bits, so a fast digest is
 * as safe as a slow hash and lets every API call check its token in microseconds.
 */
@Repository
class ApiTokenRecords {

    record ApiToken(long id, long userId, String name, String prefix, Instant createdAt, Instant lastUsedAt,
                    Instant revokedAt) {
    }

    /** A live token and its owner, with what sign-in needs, read in one query: this runs on every API call. */
    record TokenOwner(long tokenId, Instant lastUsedAt, UserRow user) {
    }

    private final JdbcClient jdbc;

    ApiTokenRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    long insert(long userId, String name, String digest, String prefix, Instant now) {
        jdbc.sql("insert into api_tokens (user_id, name, token_hash, token_prefix, created_at) values (?, ?, ?, ?, ?)")
                .params(userId, name, digest, prefix, at(now)).update();
        return jdbc.sql("select id from api_tokens where token_hash = ?").param(digest).query(Long.class).single();
    }

    Optional<TokenOwner> live(String digest) {
        return jdbc.sql("""
                        select t.id as token_id, t.last_used_at as token_last_used_at, """ + UserRecords.COLUMNS + """

                        from api_tokens t
                        join users u on u.id = t.user_id
                        left join organizations o on o.id = u.organization_id
                        where t.token_hash = ? and t.revoked_at is null""")
                .param(digest)
                .query((rs, n) -> new TokenOwner(rs.getLong("token_id"), instant(rs, rs.findColumn("token_last_used_at")),
                        UserRecords.row(rs, n)))
                .optional();
    }

    void touched(long tokenId, Instant now) {
        jdbc.sql("update api_tokens set last_used_at = ? where id = ?").params(at(now), tokenId).update();
    }

    List<ApiToken> ofUser(long userId) {
        return jdbc.sql("""
                        select id, user_id, name, token_prefix, created_at, last_used_at, revoked_at
                        from api_tokens where user_id = ? order by id""")
                .param(userId).query(ApiTokenRecords::row).list();
    }

    Optional<ApiToken> byId(long id) {
        return jdbc.sql("select id, user_id, name, token_prefix, created_at, last_used_at, revoked_at from api_tokens where id = ?")
                .param(id).query(ApiTokenRecords::row).optional();
    }

    void revoke(long id, Instant now) {
        jdbc.sql("update api_tokens set revoked_at = ? where id = ? and revoked_at is null").params(at(now), id).update();
    }

    void revokeAllOf(long userId, Instant now) {
        jdbc.sql("update api_tokens set revoked_at = ? where user_id = ? and revoked_at is null").params(at(now), userId).update();
    }

    private static ApiToken row(ResultSet rs, int n) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("token_prefix"),
                instant(rs, 5), instant(rs, 6), instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
