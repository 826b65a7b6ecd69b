package dev.switchboard.sla.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.TicketSection;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Adds {@code sla} to every ticket the API and pages show the team: one query for a whole list page.
 * Customers do not get it: targets and escalations are the team's business, not a promise shown to them.
 */
@Component
class SlaSection implements TicketSection {

    private final ClockRecords records;
    private final Calendars calendars;
    private final Clock clock;

    SlaSection(ClockRecords records, Calendars calendars, Clock clock) {
        this.records = records;
        this.calendars = calendars;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sla";
    }

    @Override
    public Map<Long, Object> forTickets(Collection<Long> ticketIds, Actor viewer) {
        // system jobs (routing, notifications, the clocks themselves) read tickets to act on them, not to show them
        if (!viewer.isStaff() || viewer.isSystem()) {
            return Map.of();
        }
        Map<Long, Object> views = new HashMap<>();
        java.time.Instant now = SlaClocks.second(clock.instant());
        for (ClockRecords.Viewed v : records.views(ticketIds)) {
            views.put(v.clock().ticketId(), v.clock().view(v.policyName(),
                    calendars.of(v.clock().calendarId(), v.calendarVersion()), now));
        }
        return views;
    }
}
