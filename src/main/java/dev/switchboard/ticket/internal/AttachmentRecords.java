package dev.switchboard.ticket.internal;

import static dev.switchboard.ticket.internal.TicketRecords.at;

import dev.switchboard.ticket.Attachment;
import dev.switchboard.ticket.AttachmentContent;
import dev.switchboard.ticket.AttachmentView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AttachmentRecords {

    /** Where a stored file sits: its ticket, and whether its message is an internal note. */
    record Stored(long ticketId, boolean internal, AttachmentContent content) {
    }

    private final JdbcClient jdbc;

    AttachmentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long ticketId, long messageId, Attachment file, Instant now) {
        jdbc.sql("""
                        insert into attachments (ticket_id, message_id, filename, content_type, size_bytes, content_id,
                                                 inline_part, content, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ticketId, messageId, file.filename(), file.contentType(), file.content().length, file.contentId(),
                        file.inline(), file.content(), at(now))
                .update();
    }

    Map<Long, List<AttachmentView>> ofMessages(Collection<Long> messageIds) {
        Map<Long, List<AttachmentView>> files = new HashMap<>();
        if (!messageIds.isEmpty()) {
            jdbc.sql("""
                            select id, message_id, filename, content_type, size_bytes, content_id, inline_part
                            from attachments where message_id in (:ids) order by id""")
                    .param("ids", messageIds)
                    .query(rs -> {
                        files.computeIfAbsent(rs.getLong("message_id"), k -> new ArrayList<>()).add(new AttachmentView(
                                rs.getLong("id"), rs.getLong("message_id"), rs.getString("filename"),
                                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("content_id"),
                                rs.getBoolean("inline_part")));
                    });
        }
        return files;
    }

    /** Files of the ticket's public messages with these ids, in the order asked; others are left out. */
    List<Attachment> publicFiles(long ticketId, List<Long> attachmentIds) {
        if (attachmentIds.isEmpty()) {
            return List.of();
        }
        Map<Long, Attachment> found = new HashMap<>();
        jdbc.sql("""
                        select a.id, a.filename, a.content_type, a.content, a.content_id, a.inline_part
                        from attachments a join messages m on m.id = a.message_id
                        where a.id in (:ids) and a.ticket_id = :ticket and m.ticket_id = :ticket and not m.internal""")
                .param("ids", attachmentIds).param("ticket", ticketId)
                .query(rs -> {
                    found.put(rs.getLong("id"), new Attachment(rs.getString("filename"), rs.getString("content_type"),
                            rs.getBytes("content"), rs.getString("content_id"), rs.getBoolean("inline_part")));
                });
        return attachmentIds.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    Optional<Stored> content(long attachmentId) {
        return jdbc.sql("""
                        select a.ticket_id, m.internal, a.filename, a.content_type, a.content
                        from attachments a join messages m on m.id = a.message_id where a.id = ?""")
                .param(attachmentId)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getBoolean(2),
                        new AttachmentContent(rs.getString(3), rs.getString(4), rs.getBytes(5))))
                .optional();
    }
}
