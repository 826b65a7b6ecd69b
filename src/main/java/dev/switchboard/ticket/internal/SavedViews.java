package dev.switchboard.ticket.internal;

import static dev.switchboard.ticket.internal.TicketRecords.at;

import dev.switchboard.web.InvalidRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** An agent's own named views: a ticket list's filters, kept as its query string. */
@Repository
class SavedViews {

    record SavedView(long id, String name, String query) {
    }

    private static final int MAX_PER_USER = 50;

    private final JdbcClient jdbc;
    private final Clock clock;

    SavedViews(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<SavedView> of(long userId) {
        return jdbc.sql("select id, name, query from saved_views where user_id = ? order by name, id").param(userId)
                .query((rs, n) -> new SavedView(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    long save(long userId, String name, String query) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw InvalidRequest.field("name", "1 to 100 characters");
        }
        String filters = withoutPaging(query);
        if (filters.length() > 1000) {
            throw InvalidRequest.field("query", "too long");
        }
        if (of(userId).size() >= MAX_PER_USER) {
            throw InvalidRequest.field("name", "at most " + MAX_PER_USER + " saved views");
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into saved_views (user_id, name, query, created_at) values (?, ?, ?, ?)")
                .params(userId, clean, filters, at(clock.instant())).update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    void delete(long userId, long id) {
        jdbc.sql("delete from saved_views where id = ? and user_id = ?").params(id, userId).update();
    }

    /** A list's query string without its page position or saved-view marker: what defines the view. */
    static String withoutPaging(String query) {
        if (query == null || query.isBlank()) {
            return "";
        }
        return Arrays.stream(query.split("&")).filter(p -> !p.isBlank() && !p.startsWith("cursor=") && !p.startsWith("saved="))
                .collect(Collectors.joining("&"));
    }
}
