package dev.switchboard.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code max} failures for one email from one client address within the
 * window, further attempts from there are refused until the window ends. Keyed by email and address
 * together, so a stranger cannot lock a user out from everywhere. Kept in the database, so every node
 * counts the same failures.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int max;
    private final Duration window;

    LoginThrottle(JdbcClient jdbc, Clock clock, @Value("${switchboard.login.max-failures:5}") int max,
                  @Value("${switchboard.login.failure-window:15m}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.max = max;
        this.window = window;
    }

    static String key(String email, String clientAddress) {
        String who = UserRecords.normalize(email);
        return (who.length() > 320 ? who.substring(0, 320) : who) + "|" + (clientAddress == null ? "?" : clientAddress);
    }

    /** Failures counted for this key in the current window. */
    int failures(String key) {
        Instant since = clock.instant().minus(window);
        return jdbc.sql("select failures from login_failures where throttle_key = ? and window_start > ?")
                .params(key, at(since)).query(Integer.class).optional().orElse(0);
    }

    boolean blocks(int failures) {
        return failures >= max;
    }

    void failed(String key) {
        Instant now = clock.instant();
        jdbc.sql("delete from login_failures where throttle_key = ? and window_start <= ?").params(key, at(now.minus(window))).update();
        jdbc.sql("insert into login_failures (throttle_key, failures, window_start) values (?, 0, ?) on conflict do nothing")
                .params(key, at(now)).update();
        jdbc.sql("update login_failures set failures = failures + 1 where throttle_key = ?").param(key).update();
    }

    void succeeded(String key) {
        jdbc.sql("delete from login_failures where throttle_key = ?").param(key).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
