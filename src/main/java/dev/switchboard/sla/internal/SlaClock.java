package dev.switchboard.sla.internal;

import dev.switchboard.sla.BusinessCalendar;
import dev.switchboard.sla.SlaOutcome;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.sla.SlaView;
import dev.switchboard.ticket.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticket's two SLA clocks and what happens to them: started when the ticket opens, paused while it waits on
 * the customer, stopped when met, resumed on a reopen, re-aimed when its priority or policy changes. Pure:
 * every change answers a new clock, and the caller stores it.
 *
 * <p>Due times are always computed the same way: the start, plus the target, plus the business time spent
 * paused so far, in the calendar's business time. Pausing therefore pushes a due time by exactly the
 * business time the ticket waited, and a reopen continues the remaining business time where resolution
 * stopped it.
 */
record SlaClock(long ticketId, long policyId, long calendarId, Priority priority, int warningPercent,
                Instant startedAt, Instant pausedSince, Timer firstResponse, Timer resolution) {

    /**
     * One target's clock. {@code warnedAt} and {@code breachedAt} record that the sweep acted on this due
     * time; {@code marginSeconds} is the business time left when the target was met (negative: late).
     */
    record Timer(long targetSeconds, long pausedSeconds, Instant warnAt, Instant dueAt, Instant metAt,
                 Long marginSeconds, Instant warnedAt, Instant breachedAt) {

        static Timer of(Duration target) {
            return new Timer(target.toSeconds(), 0, null, null, null, null, null, null);
        }

        boolean met() {
            return metAt != null;
        }

        /**
         * Due and warning instants from the start. A warning or breach already acted on stays acted on,
         * unless the new instant lies after {@code reference} (a lower priority gave more time): then it can
         * come again, for the new due time.
         */
        Timer scheduled(BusinessCalendar calendar, Instant startedAt, int warningPercent, Instant reference) {
            Instant due = calendar.add(startedAt, Duration.ofSeconds(targetSeconds + pausedSeconds));
            Instant warn = calendar.add(startedAt, Duration.ofSeconds(targetSeconds * warningPercent / 100 + pausedSeconds));
            return new Timer(targetSeconds, pausedSeconds, warn, due, metAt, marginSeconds,
                    warnedAt != null && !warn.isAfter(reference) ? warnedAt : null,
                    breachedAt != null && !due.isAfter(reference) ? breachedAt : null);
        }

        Timer withTarget(Duration target) {
            return new Timer(target.toSeconds(), pausedSeconds, warnAt, dueAt, metAt, marginSeconds, warnedAt, breachedAt);
        }

        Timer pausedFor(long seconds) {
            return new Timer(targetSeconds, pausedSeconds + seconds, warnAt, dueAt, metAt, marginSeconds, warnedAt, breachedAt);
        }

        Timer metAt(Instant at, long margin) {
            return new Timer(targetSeconds, pausedSeconds, warnAt, dueAt, at, margin, warnedAt, breachedAt);
        }

        /** Running again after a reopen; the time it stood met counts as paused. */
        Timer reopened(long stoodSeconds) {
            return new Timer(targetSeconds, pausedSeconds + stoodSeconds, warnAt, dueAt, null, null, warnedAt, breachedAt);
        }

        Timer warned(Instant at) {
            return new Timer(targetSeconds, pausedSeconds, warnAt, dueAt, metAt, marginSeconds, at, breachedAt);
        }

        Timer breached(Instant at) {
            return new Timer(targetSeconds, pausedSeconds, warnAt, dueAt, metAt, marginSeconds,
                    warnedAt == null ? at : warnedAt, at);
        }

        /** The next warning or breach to act on; null when both are done or the target is met. */
        Instant nextCheck() {
            if (met()) {
                return null;
            }
            return warnedAt == null ? warnAt : breachedAt == null ? dueAt : null;
        }

        String state(Instant reference, boolean paused) {
            if (met()) {
                return "met";
            }
            if (!reference.isBefore(dueAt)) {
                return "breached";
            }
            if (paused) {
                return "paused";
            }
            return reference.isBefore(warnAt) ? "ok" : "warning";
        }

        long remainingSeconds(BusinessCalendar calendar, Instant reference) {
            return met() ? marginSeconds : calendar.between(reference, dueAt).getSeconds();
        }
    }

    /** What the sweep finds due on a clock. */
    record Happening(SlaTarget target, boolean breach) {
    }

    static SlaClock start(long ticketId, SlaPolicy policy, Priority priority, BusinessCalendar calendar, Instant at) {
        SlaPolicy.Targets targets = policy.targetsFor(priority);
        return new SlaClock(ticketId, policy.id(), policy.calendarId(), priority, policy.warningPercent(), at, null,
                Timer.of(targets.firstResponse()), Timer.of(targets.resolution())).scheduled(calendar, at);
    }

    boolean paused() {
        return pausedSince != null;
    }

    Timer timer(SlaTarget target) {
        return target == SlaTarget.FIRST_RESPONSE ? firstResponse : resolution;
    }

    /** While paused the clocks stand at the moment they were paused. */
    private Instant reference(Instant now) {
        return paused() ? pausedSince : now;
    }

    /** The ticket waits on the customer: both running clocks stop. */
    SlaClock paused(Instant at) {
        if (paused() || (firstResponse.met() && resolution.met())) {
            return this;
        }
        return new SlaClock(ticketId, policyId, calendarId, priority, warningPercent, startedAt, at, firstResponse, resolution);
    }

    /** The wait is over: running clocks are pushed by the business time it took. */
    SlaClock resumed(Instant at, BusinessCalendar calendar) {
        if (!paused()) {
            return this;
        }
        long waited = calendar.between(pausedSince, at).getSeconds();
        return new SlaClock(ticketId, policyId, calendarId, priority, warningPercent, startedAt, null,
                firstResponse.met() ? firstResponse : firstResponse.pausedFor(waited),
                resolution.met() ? resolution : resolution.pausedFor(waited)).scheduled(calendar, at);
    }

    /** The first public reply by an agent. */
    SlaClock firstResponded(Instant at, BusinessCalendar calendar) {
        if (firstResponse.met()) {
            return this;
        }
        return with(SlaTarget.FIRST_RESPONSE, met(firstResponse, at, calendar));
    }

    /**
     * Resolved (or closed): the resolution target is met. An unanswered first response ends here too: the
     * customer has had the answer that matters, and no reply can follow on a finished ticket.
     */
    SlaClock resolved(Instant at, BusinessCalendar calendar) {
        SlaClock clock = this;
        if (!firstResponse.met()) {
            clock = clock.with(SlaTarget.FIRST_RESPONSE, met(firstResponse, at, calendar));
        }
        if (!resolution.met()) {
            clock = clock.with(SlaTarget.RESOLUTION, met(resolution, at, calendar));
        }
        return clock;
    }

    /** Reopened: the resolution clock goes on with the business time it had left. */
    SlaClock reopened(Instant at, BusinessCalendar calendar) {
        if (!resolution.met()) {
            return this;
        }
        long stood = calendar.between(resolution.metAt(), at).getSeconds();
        return with(SlaTarget.RESOLUTION, resolution.reopened(stood)).scheduled(calendar, at);
    }

    /** A new priority, or a new policy: new targets (and perhaps calendar) for the clocks still running. */
    SlaClock retargeted(SlaPolicy policy, Priority newPriority, BusinessCalendar calendar, Instant now) {
        SlaPolicy.Targets targets = policy.targetsFor(newPriority);
        return new SlaClock(ticketId, policy.id(), policy.calendarId(), newPriority, policy.warningPercent(),
                startedAt, pausedSince, firstResponse.withTarget(targets.firstResponse()),
                resolution.withTarget(targets.resolution())).scheduled(calendar, now);
    }

    /** The warnings and breaches due by now that the sweep has not acted on, warnings first. */
    List<Happening> dueBy(Instant now) {
        List<Happening> due = new ArrayList<>();
        if (paused()) {
            return due;
        }
        for (SlaTarget target : SlaTarget.values()) {
            Timer timer = timer(target);
            if (!timer.met() && timer.warnedAt() == null && !now.isBefore(timer.warnAt())) {
                due.add(new Happening(target, false));
            }
        }
        for (SlaTarget target : SlaTarget.values()) {
            Timer timer = timer(target);
            if (!timer.met() && timer.breachedAt() == null && !now.isBefore(timer.dueAt())) {
                due.add(new Happening(target, true));
            }
        }
        return due;
    }

    SlaClock warned(SlaTarget target, Instant at) {
        return with(target, timer(target).warned(at));
    }

    SlaClock breached(SlaTarget target, Instant at) {
        return with(target, timer(target).breached(at));
    }

    /** When the sweep should look at this ticket next: null while paused or when nothing is left to act on. */
    Instant nextCheckAt() {
        return paused() ? null : earliest(firstResponse.nextCheck(), resolution.nextCheck());
    }

    /** The next due time not yet missed, for the "breaching soon" view. */
    Instant nextBreachAt() {
        if (paused()) {
            return null;
        }
        return earliest(firstResponse.met() || firstResponse.breachedAt() != null ? null : firstResponse.dueAt(),
                resolution.met() || resolution.breachedAt() != null ? null : resolution.dueAt());
    }

    /** The record for reports of a met target. */
    SlaOutcome outcome(SlaTarget target) {
        Timer timer = timer(target);
        return new SlaOutcome(ticketId, target, policyId, priority.code(), timer.dueAt(), timer.metAt(),
                timer.marginSeconds() >= 0, timer.marginSeconds());
    }

    SlaView view(String policyName, BusinessCalendar calendar, Instant now) {
        Instant reference = reference(now);
        String first = firstResponse.state(reference, paused());
        String second = resolution.state(reference, paused());
        return new SlaView(policyId, policyName, overall(first, second), firstResponse.dueAt(),
                firstResponse.remainingSeconds(calendar, reference), first, firstResponse.metAt(),
                resolution.dueAt(), resolution.remainingSeconds(calendar, reference), second, resolution.metAt(),
                pausedSince);
    }

    private static String overall(String first, String second) {
        if (first.equals("met") && second.equals("met")) {
            return "met";
        }
        return rank(first) >= rank(second) ? first : second;
    }

    private static int rank(String state) {
        return switch (state) {
            case "breached" -> 4;
            case "paused" -> 3;
            case "warning" -> 2;
            case "ok" -> 1;
            default -> 0;
        };
    }

    private SlaClock scheduled(BusinessCalendar calendar, Instant now) {
        Instant reference = reference(now);
        return new SlaClock(ticketId, policyId, calendarId, priority, warningPercent, startedAt, pausedSince,
                firstResponse.met() ? firstResponse : firstResponse.scheduled(calendar, startedAt, warningPercent, reference),
                resolution.met() ? resolution : resolution.scheduled(calendar, startedAt, warningPercent, reference));
    }

    private Timer met(Timer timer, Instant at, BusinessCalendar calendar) {
        return timer.metAt(at, calendar.between(reference(at), timer.dueAt()).getSeconds());
    }

    private SlaClock with(SlaTarget target, Timer timer) {
        return new SlaClock(ticketId, policyId, calendarId, priority, warningPercent, startedAt, pausedSince,
                target == SlaTarget.FIRST_RESPONSE ? timer : firstResponse,
                target == SlaTarget.RESOLUTION ? timer : resolution);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
