package dev.switchboard.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SLA module's queries for other modules and pages: views of the clocks, and the record for reports. */
public interface Sla {

    /**
     * Tickets whose next target falls due within {@code within} from now and is not missed yet, soonest
     * first: the "breaching soon" view. Paused and finished clocks are not in it.
     */
    List<Long> breachingSoon(Duration within, int limit);

    /** One ticket's clocks as the API shows them; empty for a ticket opened before SLAs existed. */
    Optional<SlaView> clockOf(long ticketId);

    /** Whether the ticket met or missed each target so far, and by how much. */
    List<SlaOutcome> outcomes(long ticketId);

    /**
     * Whether the business calendar of the ticket's SLA policy is open at that moment (an out-of-hours
     * auto-reply asks this); empty for a ticket without an SLA clock.
     */
    Optional<Boolean> withinBusinessHours(long ticketId, Instant at);
}
