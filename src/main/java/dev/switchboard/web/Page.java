package dev.switchboard.web;

import java.util.List;
import java.util.function.ToLongFunction;

/** One page of a list: the items, and the cursor for the next page (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from a query that fetched one row more than the limit: that extra row only tells
     * whether another page exists.
     */
    public static <T> Page<T> of(List<T> fetched, PageQuery query, ToLongFunction<T> position) {
        if (fetched.size() <= query.limit()) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, query.limit());
        return new Page<>(List.copyOf(items), PageQuery.cursorAfter(position.applyAsLong(items.get(items.size() - 1))));
    }
}
