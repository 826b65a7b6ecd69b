package dev.switchboard.notification.internal;

import java.time.Duration;

/**
 * How long to wait after a failed attempt: 1 minute, then 2, 4, 8 … capped at an hour, so a receiving
 * server that is down for a while is not hammered, and one that is back is tried again within the hour.
 * After {@code maxAttempts} failed attempts the item is dead.
 */
record RetryPolicy(int maxAttempts) {

    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration CAP = Duration.ofHours(1);
    private static final Backoff BACKOFF = new Backoff(FIRST, CAP);

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("switchboard.outbox.max-attempts must be at least 1");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt (1-based). */
    Duration delayAfter(int attempts) {
        return BACKOFF.after(attempts);
    }

    boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
