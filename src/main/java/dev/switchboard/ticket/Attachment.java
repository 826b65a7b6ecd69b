package dev.switchboard.ticket;

/**
 * A file handed in with a message. {@code contentId} and {@code inline} mark images shown inside an HTML
 * body ({@code cid:} links) rather than listed as attachments.
 */
public record Attachment(String filename, String contentType, byte[] content, String contentId, boolean inline) {

    public static Attachment file(String filename, String contentType, byte[] content) {
        return new Attachment(filename, contentType, content, null, false);
    }
}
