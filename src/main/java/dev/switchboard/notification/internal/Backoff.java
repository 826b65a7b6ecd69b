package dev.switchboard.notification.internal;

import java.time.Duration;

/** A wait that doubles with each failure in a row, from {@code first} up to {@code cap}. */
record Backoff(Duration first, Duration cap) {

    /** The wait after the {@code failures}-th failure in a row (1-based). */
    Duration after(int failures) {
        Duration wait = first;
        for (int i = 1; i < failures && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
