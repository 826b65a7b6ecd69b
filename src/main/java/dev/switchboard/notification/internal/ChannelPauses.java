package dev.switchboard.notification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Channels found down as a whole (the mail relay refuses the connection or our sign-in). While a channel is
 * paused its items are not tried, so an outage spends none of their attempts and no CPU on doomed tries;
 * when the pause ends the next item is the probe. Pauses double from 30 seconds up to
 * {@code switchboard.outbox.max-pause} while the channel stays down. Kept in the database so whichever node
 * dispatches next, and the Outbox page on any node, see the same.
 */
@Repository
class ChannelPauses {

    static final Duration FIRST = Duration.ofSeconds(30);
    private static final int MAX_REASON = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Backoff backoff;

    ChannelPauses(JdbcClient jdbc, Clock clock, @Value("${switchboard.outbox.max-pause:PT10M}") Duration maxPause) {
        if (maxPause.compareTo(FIRST) < 0) {
            throw new IllegalArgumentException("switchboard.outbox.max-pause must be at least " + FIRST.toSeconds() + " s");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.backoff = new Backoff(FIRST, maxPause);
    }

    /** One channel's outage: since when, until when nothing is tried, how many tries failed, and why. */
    record Pause(String channel, Instant since, Instant until, int strikes, String reason) {

        boolean holds(Instant now) {
            return now.isBefore(until);
        }
    }

    /** Every paused channel, including those whose pause has run out but which have not been tried since. */
    Map<String, Pause> all() {
        Map<String, Pause> pauses = new LinkedHashMap<>();
        jdbc.sql("select channel, since, paused_until, strikes, reason from outbox_channel_pauses order by channel")
                .query((rs, row) -> new Pause(rs.getString("channel"),
                        rs.getObject("since", OffsetDateTime.class).toInstant(),
                        rs.getObject("paused_until", OffsetDateTime.class).toInstant(),
                        rs.getInt("strikes"), rs.getString("reason")))
                .list().forEach(p -> pauses.put(p.channel(), p));
        return pauses;
    }

    /**
     * The channels that are down, for the Outbox page and the API: also one whose pause has just run out, which
     * counts as down until the next item gets through.
     */
    List<Pause> current() {
        return List.copyOf(all().values());
    }

    /** The channel failed as a whole (again): it is paused, twice as long as last time. */
    Pause pause(String channel, String reason) {
        Instant now = clock.instant();
        String why = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
        Optional<Pause> before = Optional.ofNullable(all().get(channel));
        int strikes = before.map(Pause::strikes).orElse(0) + 1;
        Pause pause = new Pause(channel, before.map(Pause::since).orElse(now), now.plus(length(strikes)), strikes, why);
        if (before.isEmpty()) {
            try {
                jdbc.sql("insert into outbox_channel_pauses (channel, since, paused_until, strikes, reason) values (?, ?, ?, ?, ?)")
                        .params(channel, at(pause.since()), at(pause.until()), strikes, why).update();
                return pause;
            } catch (DuplicateKeyException another) { // a second dispatcher found it at the same moment
                return pause(channel, reason);
            }
        }
        jdbc.sql("update outbox_channel_pauses set paused_until = ?, strikes = ?, reason = ? where channel = ?")
                .params(at(pause.until()), strikes, why, channel).update();
        return pause;
    }

    /** The channel works again: its outage is over. */
    void resume(String channel) {
        jdbc.sql("delete from outbox_channel_pauses where channel = ?").param(channel).update();
    }

    /** 30 s after the first failure, then 1 min, 2, 4 … up to the configured longest pause. */
    Duration length(int strikes) {
        return backoff.after(strikes);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
