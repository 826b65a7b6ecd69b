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

    /** "2 h 15 min left", "1 d 3 h overdue": for the timer fragment. */
    public String firstResponseLeft() {
        return describe(firstResponseRemainingSeconds, firstResponseState);
    }

    public String resolutionLeft() {
        return describe(resolutionRemainingSeconds, resolutionState);
    }

    static String describe(long seconds, String state) {
        long abs = Math.abs(seconds);
        long days = abs / 86_400;
        long hours = abs % 86_400 / 3_600;
        long minutes = abs % 3_600 / 60;
        String amount = days > 0 ? days + " d " + hours + " h" : hours > 0 ? hours + " h " + minutes + " min"
                : minutes + " min";
        if ("met".equals(state)) {
            return seconds >= 0 ? "met, " + amount + " to spare" : "met " + amount + " late";
        }
        return seconds >= 0 ? amount + " left" : amount + " overdue";
    }
}
