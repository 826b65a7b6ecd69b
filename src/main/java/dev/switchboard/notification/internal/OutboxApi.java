package dev.switchboard.notification.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import dev.switchboard.web.Problems;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbox for admins: what is waiting, what went out, and the dead letters, which an admin can put back
 * in line once the cause (a wrong address, a mail server setting) is fixed.
 */
@RestController
@RequestMapping("/api/v1/outbox")
class OutboxApi {

    private static final Set<String> STATES = Set.of(OutboxItem.PENDING, OutboxRecords.QUEUED, OutboxRecords.FAILING,
            OutboxItem.SENT, OutboxItem.DEAD, OutboxItem.HELD);

    private final OutboxRecords records;
    private final DeadLetters deadLetters;
    private final ChannelPauses pauses;

    OutboxApi(OutboxRecords records, DeadLetters deadLetters, ChannelPauses pauses) {
        this.records = records;
        this.deadLetters = deadLetters;
        this.pauses = pauses;
    }

    /**
     * Newest first. {@code status}: {@code pending} (of which {@code queued}: not tried yet, and
     * {@code failing}: failed at least once and waiting for the next try), {@code sent}, {@code dead} or
     * {@code held} (an automatic mail over its hourly cap).
     */
    @GetMapping
    Page<OutboxItem> list(Actor actor, @RequestParam(required = false) String status,
                          @RequestParam(required = false) String channel,
                          @RequestParam(name = "ticket_id", required = false) Long ticketId,
                          @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        DeadLetters.requireAdmin(actor);
        if (status != null && !STATES.contains(status)) {
            throw InvalidRequest.field("status", "unknown status '" + status
                    + "'; allowed: pending, queued, failing, sent, dead, held");
        }
        PageQuery page = PageQuery.of(limit, cursor);
        return Page.of(records.page(status, channel == null || channel.isBlank() ? null : channel, ticketId,
                page.after(), page.fetchSize()), page, OutboxItem::id);
    }

    /** The channels that are down right now (the mail relay unreachable): their items wait without spending attempts. */
    @GetMapping("/pauses")
    List<ChannelPauses.Pause> pauses(Actor actor) {
        DeadLetters.requireAdmin(actor);
        return pauses.current();
    }

    @GetMapping("/{id}")
    OutboxItem get(Actor actor, @PathVariable long id) {
        DeadLetters.requireAdmin(actor);
        return records.byId(id).orElseThrow(() -> Problems.notFound("Outbox item " + id));
    }

    /** A dead or held item goes back to pending with a fresh count of attempts, due now (audited). */
    @PostMapping("/{id}/retry")
    OutboxItem retry(Actor actor, @PathVariable long id) {
        return deadLetters.retry(actor, id);
    }
}
