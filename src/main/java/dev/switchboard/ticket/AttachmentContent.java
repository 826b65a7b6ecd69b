package dev.switchboard.ticket;

/** A stored file's bytes, for download. */
public record AttachmentContent(String filename, String contentType, byte[] content) {
}
