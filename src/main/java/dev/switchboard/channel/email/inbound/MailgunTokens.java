package dev.switchboard.channel.email.inbound;

import static dev.switchboard.channel.email.inbound.MailboxRecords.at;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Mailgun webhook tokens already used: a signed request replayed is refused. A token only needs keeping as
 * long as its timestamp would still be accepted, so expired ones are swept on the way.
 */
@Repository
class MailgunTokens {

    private final JdbcClient jdbc;

    MailgunTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the token; false when it was recorded before (a replay). Commits on its own. */
    boolean claim(String token, Instant expiresAt, Instant now) {
        jdbc.sql("delete from mailgun_tokens where expires_at < ?").param(at(now)).update();
        return jdbc.sql("insert into mailgun_tokens (token, expires_at) values (?, ?) on conflict do nothing")
                .params(token, at(expiresAt)).update() == 1;
    }

    /** Forgets a token whose message could not be stored, so Mailgun's retry of it is not refused as a replay. */
    void release(String token) {
        jdbc.sql("delete from mailgun_tokens where token = ?").param(token).update();
    }
}
