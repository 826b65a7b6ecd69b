package dev.switchboard.ticket.internal;

import static dev.switchboard.ticket.internal.TicketRecords.at;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.Problems;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for open workspace pages: every node looks in the database every two seconds for
 * tickets changed since its last look and tells its own connected agents. The database is the bus, so a
 * change made on any node reaches pages open on every node, with nothing shared between nodes.
 */
@Controller
class LiveUpdates {

    /** A change as pages receive it. */
    record Change(long id, int version, String status) {
    }

    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    /** Looks slightly back, so a transaction that committed late with an earlier timestamp is not missed. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);
    private static final int MAX_LISTED = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final List<SseEmitter> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant lastLook;

    LiveUpdates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lastLook = clock.instant();
    }

    @GetMapping(value = "/events", produces = "text/event-stream")
    SseEmitter subscribe(Actor actor) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("Live updates are for the team.");
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        listeners.add(emitter);
        emitter.onCompletion(() -> listeners.remove(emitter));
        emitter.onTimeout(() -> listeners.remove(emitter));
        emitter.onError(e -> listeners.remove(emitter));
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            listeners.remove(emitter);
        }
        return emitter;
    }

    @Scheduled(fixedDelayString = "${switchboard.live.poll:PT2S}")
    void tick() {
        Instant now = clock.instant();
        Instant since = lastLook.isAfter(now) ? now : lastLook;
        lastLook = now;
        if (listeners.isEmpty()) {
            return;
        }
        List<Change> changes = jdbc.sql("""
                        select id, version, status from tickets where updated_at > ?
                        order by updated_at limit ?""")
                .params(at(since.minus(OVERLAP)), MAX_LISTED + 1)
                .query((rs, n) -> new Change(rs.getLong(1), rs.getInt(2), rs.getString(3))).list();
        if (changes.size() > MAX_LISTED) {
            // a burst (an import, a bulk change): one "reload" says more than a thousand events, and drops none
            broadcast(SseEmitter.event().name("reload").data("many"));
            return;
        }
        for (Change change : changes) {
            broadcast(SseEmitter.event().name("ticket").data(change));
        }
    }

    private void broadcast(SseEmitter.SseEventBuilder event) {
        for (SseEmitter emitter : listeners) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException e) {
                listeners.remove(emitter);
            }
        }
    }

    int listeners() {
        return listeners.size();
    }
}
