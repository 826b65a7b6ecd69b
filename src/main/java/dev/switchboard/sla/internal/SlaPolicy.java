package dev.switchboard.sla.internal;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketView;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which tickets a policy applies to, what it promises for each priority, when it warns, and what it does on
 * a breach. Policies are tried in order of {@code position}; the default one has no conditions and comes
 * last, so every ticket has a policy.
 */
record SlaPolicy(long id, String name, int position, boolean isDefault, long calendarId, Conditions conditions,
                 Map<Priority, Targets> targets, int warningPercent, BreachActions onBreach, Instant createdAt,
                 Instant updatedAt) {

    /** The targets of a fresh install; low's 5 days are 5 × 24 business hours of the policy's calendar. */
    static final Map<Priority, Targets> DEFAULT_TARGETS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Priority.CRITICAL, new Targets(Duration.ofHours(1), Duration.ofHours(4)),
            Priority.HIGH, new Targets(Duration.ofHours(4), Duration.ofHours(24)),
            Priority.NORMAL, new Targets(Duration.ofHours(8), Duration.ofHours(72)),
            Priority.LOW, new Targets(Duration.ofHours(24), Duration.ofHours(120)))));

    static final int DEFAULT_WARNING_PERCENT = 80;

    /** Null fields match any ticket. */
    record Conditions(Long organizationId, Long groupId, String category, Channel channel) {

        static final Conditions ANY = new Conditions(null, null, null, null);

        public boolean isEmpty() {
            return organizationId == null && groupId == null && category == null && channel == null;
        }

        boolean matches(TicketView ticket) {
            return (organizationId == null || organizationId.equals(ticket.organizationId()))
                    && (groupId == null || groupId.equals(ticket.groupId()))
                    && (category == null || category.equalsIgnoreCase(Objects.requireNonNullElse(ticket.category(), "")))
                    && (channel == null || channel.code().equals(ticket.channel()));
        }
    }

    /** Business time allowed until the first public reply, and until the ticket is resolved. */
    record Targets(Duration firstResponse, Duration resolution) {

        /** "1 h / 4 h", for pages (public: templates call it). */
        public String text() {
            return hours(firstResponse) + " / " + hours(resolution);
        }

        private static String hours(Duration d) {
            long minutes = d.toMinutes();
            return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
        }
    }

    /**
     * What a breach sets off: an internal note naming the group's managers (and an {@link
     * dev.switchboard.sla.SlaBreached} event for them), a priority one step higher, a move to an
     * escalation group or agent.
     */
    record BreachActions(boolean notifyManagers, boolean raisePriority, Long escalateGroupId, Long escalateAgentId) {

        static final BreachActions NONE = new BreachActions(false, false, null, null);
    }

    public Targets targetsFor(Priority priority) {
        return targets.getOrDefault(priority, DEFAULT_TARGETS.get(priority));
    }

    boolean appliesTo(TicketView ticket) {
        return conditions.matches(ticket);
    }
}
