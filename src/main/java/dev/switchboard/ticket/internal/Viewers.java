package dev.switchboard.ticket.internal;

import static dev.switchboard.ticket.internal.TicketRecords.at;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Presence on a ticket: each open ticket page says "still here" every few seconds; someone not heard from
 * for {@link #GONE_AFTER} has left.
 */
@Component
class Viewers {

    static final Duration GONE_AFTER = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Clock clock;

    Viewers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records that this user is looking at the ticket, and answers the names of the others who are. */
    List<String> seen(long ticketId, long userId) {
        Instant now = clock.instant();
        int updated = jdbc.sql("update ticket_viewers set seen_at = ? where ticket_id = ? and user_id = ?")
                .params(at(now), ticketId, userId).update();
        if (updated == 0) {
            jdbc.sql("insert into ticket_viewers (ticket_id, user_id, seen_at) values (?, ?, ?) on conflict do nothing")
                    .params(ticketId, userId, at(now)).update();
        }
        return jdbc.sql("""
                        select u.name from ticket_viewers v join users u on u.id = v.user_id
                        where v.ticket_id = ? and v.user_id <> ? and v.seen_at > ? order by u.name""")
                .params(ticketId, userId, at(now.minus(GONE_AFTER))).query(String.class).list();
    }
}
