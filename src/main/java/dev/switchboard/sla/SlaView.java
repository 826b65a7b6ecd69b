package dev.switchboard.sla;

import java.time.Instant;

/**
 * A ticket's SLA as the API and pages show it (the {@code sla} field of a ticket). Remaining times are
 * business seconds: negative once a target is missed; frozen while paused; for a met target, what was left
 * when it was met. {@code state} is the whole ticket's: {@code met} when both targets are, else the worst
 * of its running targets ({@code breached}, then {@code paused}, {@code warning}, {@code ok}).
 */
public record SlaView(long policyId, String policyName, String state, Instant firstResponseDueAt,
                      long firstResponseRemainingSeconds, String firstResponseState, Instant firstResponseMetAt,
                      Instant resolutionDueAt, long resolutionRemainingSeconds, String resolutionState,
                      Instant resolutionMetAt, Instant pausedSince) {

    /**
     * A remaining time in whole days, hours and minutes, and how to word it ({@code left}, {@code overdue};
     * for a met target {@code spare} or {@code late}): pages say it in their own language.
     */
    public record Span(long days, long hours, long minutes, String phrase) {

        static Span of(long seconds, String state) {
            long abs = Math.abs(seconds);
            String phrase = "met".equals(state) ? (seconds >= 0 ? "spare" : "late") : (seconds >= 0 ? "left" : "overdue");
            return new Span(abs / 86_400, abs % 86_400 / 3_600, abs % 3_600 / 60, phrase);
        }
    }

    /** For the timer fragment (not a getter, so it stays out of the JSON). */
    public Span firstResponseSpan() {
        return Span.of(firstResponseRemainingSeconds, firstResponseState);
    }

    public Span resolutionSpan() {
        return Span.of(resolutionRemainingSeconds, resolutionState);
    }
}
