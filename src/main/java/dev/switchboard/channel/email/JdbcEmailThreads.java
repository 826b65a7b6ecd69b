package dev.switchboard.channel.email;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcEmailThreads implements EmailThreads {

    private static final int MAX_ID = 998;

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcEmailThreads(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void remember(String messageIdHeader, long ticketId, Long messageId, boolean outbound) {
        String id = EmailThreads.normalize(messageIdHeader);
        if (id.isEmpty() || id.length() > MAX_ID) {
            return;
        }
        jdbc.sql("""
                        insert into email_threads (message_id_header, ticket_id, message_id, outbound, created_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(id, ticketId, messageId, outbound, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
    }

    @Override
    public Optional<Long> ticketFor(Collection<String> messageIdHeaders) {
        List<String> ids = messageIdHeaders.stream().map(EmailThreads::normalize)
                .filter(id -> !id.isEmpty() && id.length() <= MAX_ID).distinct().toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select ticket_id from email_threads where message_id_header in (:ids)
                        order by created_at desc limit 1""")
                .param("ids", ids).query(Long.class).optional();
    }

    @Override
    public List<String> thread(long ticketId) {
        return jdbc.sql("select message_id_header from email_threads where ticket_id = ? order by created_at, message_id_header")
                .param(ticketId).query(String.class).list();
    }
}
