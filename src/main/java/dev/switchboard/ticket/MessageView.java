package dev.switchboard.ticket;

import java.time.Instant;
import java.util.List;

/** One entry of a ticket's conversation. {@code bodyHtml} is sanitized and safe to show as it is. */
public record MessageView(long id, long ticketId, TicketView.Person author, boolean internal, String bodyText,
                          String bodyHtml, Instant createdAt, List<AttachmentView> attachments) {

    public MessageView withAttachments(List<AttachmentView> files) {
        return new MessageView(id, ticketId, author, internal, bodyText, bodyHtml, createdAt, files);
    }
}
