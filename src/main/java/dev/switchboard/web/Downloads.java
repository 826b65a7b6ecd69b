package dev.switchboard.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Files people uploaded are served as downloads, never rendered in our origin: a hostile HTML or SVG
 * file must not run as a page of Switchboard.
 */
public final class Downloads {

    private Downloads() {
    }

    public static ResponseEntity<byte[]> attachment(String filename, byte[] content) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", "sandbox")
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }
}
