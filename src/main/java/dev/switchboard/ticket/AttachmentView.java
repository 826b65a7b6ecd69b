package dev.switchboard.ticket;

/** A stored file as lists show it; its bytes come from {@code GET /api/v1/tickets/{id}/attachments/{attachment_id}}. */
public record AttachmentView(long id, long messageId, String filename, String contentType, long sizeBytes,
                             String contentId, boolean inline) {
}
