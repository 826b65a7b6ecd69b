package dev.switchboard.ticket;

/**
 * A file handed in with a message. {@code contentId} and {@code inline} mark images shown inside an HTML
 * body ({@code cid:} links) rather than listed as attachments.
 */
public record Attachment(String filename, String contentType, byte[] content, String contentId, boolean inline) {

    public static Attachment file(String filename, String contentType, byte[] content) {
        return new Attachment(filename, contentType, content, null, false);
    }

    /**
     * A file a person uploaded in a form: its name is kept without path separators or control
     * characters (and within 255 characters), its type defaults to a plain download.
     */
    public static Attachment uploaded(String originalFilename, String contentType, byte[] content) {
        String name = originalFilename == null || originalFilename.isBlank() ? "file"
                : originalFilename.replaceAll("[\\\\/\\p{Cntrl}]", "_");
        return file(name.length() > 255 ? name.substring(0, 255) : name,
                contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType, content);
    }
}
