package dev.switchboard.ticket.internal;

import static dev.switchboard.ticket.internal.TicketRecords.at;
import static dev.switchboard.ticket.internal.TicketRecords.instant;

import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.TicketView.Person;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class MessageRecords {

    private static final String SELECT = """
            select m.id, m.ticket_id, m.author_id, u.name as author_name, u.email as author_email, m.internal,
                   m.body_text, m.body_html, m.created_at
            from messages m left join users u on u.id = m.author_id
            """;

    private final JdbcClient jdbc;

    MessageRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long ticketId, Long authorId, boolean internal, String text, String html, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into messages (ticket_id, author_id, internal, body_text, body_html, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(ticketId, authorId, internal, text, html, at(at))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    Optional<MessageView> byId(long id) {
        return jdbc.sql(SELECT + " where m.id = ?").param(id).query(MessageRecords::row).optional();
    }

    List<MessageView> ofTicket(long ticketId, boolean withInternal) {
        return jdbc.sql(SELECT + " where m.ticket_id = ?" + (withInternal ? "" : " and not m.internal") + " order by m.id")
                .param(ticketId).query(MessageRecords::row).list();
    }

    private static MessageView row(ResultSet rs, int n) throws SQLException {
        Long authorId = rs.getObject("author_id", Long.class);
        return new MessageView(rs.getLong("id"), rs.getLong("ticket_id"),
                authorId == null ? null : new Person(authorId, rs.getString("author_name"), rs.getString("author_email")),
                rs.getBoolean("internal"), rs.getString("body_text"), rs.getString("body_html"), instant(rs, "created_at"),
                List.of());
    }
}
