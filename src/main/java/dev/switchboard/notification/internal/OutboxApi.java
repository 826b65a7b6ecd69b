package dev.switchboard.notification.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import dev.switchboard.web.Problems;
import java.time.Clock;
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

    private static final Set<String> STATUSES = Set.of(OutboxItem.PENDING, OutboxItem.SENT, OutboxItem.DEAD);

    private final OutboxRecords records;
    private final Clock clock;

    OutboxApi(OutboxRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @GetMapping
    Page<OutboxItem> list(Actor actor, @RequestParam(required = false) String status,
                          @RequestParam(name = "ticket_id", required = false) Long ticketId,
                          @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        requireAdmin(actor);
        if (status != null && !STATUSES.contains(status)) {
            throw InvalidRequest.field("status", "unknown status '" + status + "'; allowed: pending, sent, dead");
        }
        PageQuery page = PageQuery.of(limit, cursor);
        return Page.of(records.page(status, ticketId, page.after(), page.fetchSize()), page, OutboxItem::id);
    }

    @GetMapping("/{id}")
    OutboxItem get(Actor actor, @PathVariable long id) {
        requireAdmin(actor);
        return records.byId(id).orElseThrow(() -> Problems.notFound("Outbox item " + id));
    }

    /** A dead item goes back to pending with a fresh count of attempts, due now. */
    @PostMapping("/{id}/retry")
    OutboxItem retry(Actor actor, @PathVariable long id) {
        requireAdmin(actor);
        OutboxItem item = records.byId(id).orElseThrow(() -> Problems.notFound("Outbox item " + id));
        if (!records.requeue(id, clock.instant())) {
            throw Problems.conflict("Outbox item " + id + " is " + item.status() + "; only dead items can be retried.");
        }
        return records.byId(id).orElseThrow();
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins see and retry the outbox.");
        }
    }
}
