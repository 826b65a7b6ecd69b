package dev.switchboard.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code limit} and {@code cursor} of a list call. The cursor is opaque to clients; it carries the
 * position of the last item seen, so pages stay stable while new items arrive.
 */
public record PageQuery(int limit, Long after) {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    public static PageQuery of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw InvalidRequest.field("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageQuery(size, cursor == null || cursor.isBlank() ? null : position(cursor));
    }

    /** The number of rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    static String cursorAfter(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("p:" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static long position(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("p:")) {
                return Long.parseLong(text.substring(2));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw InvalidRequest.field("cursor", "is not a cursor this API gave out");
    }
}
