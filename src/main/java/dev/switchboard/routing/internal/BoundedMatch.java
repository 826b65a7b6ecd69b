package dev.switchboard.routing.internal;

import java.time.Duration;
import java.util.regex.Pattern;

/** One regular expression, searched for with a time limit; a search that runs out counts as no match. */
final class BoundedMatch {

    private final Pattern pattern;
    private final Duration limit;
    private boolean timedOut;

    BoundedMatch(Pattern pattern, Duration limit) {
        this.pattern = pattern;
        this.limit = limit;
    }

    boolean find(String text) {
        try {
            return pattern.matcher(new TimeBoxedText(text, System.nanoTime() + limit.toNanos())).find();
        } catch (TimeBoxedText.TimedOut e) {
            timedOut = true;
            return false;
        }
    }

    boolean timedOut() {
        return timedOut;
    }
}
