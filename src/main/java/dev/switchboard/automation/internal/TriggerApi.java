package dev.switchboard.automation.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.routing.TicketConditions;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Triggers, their runs and their webhook secret: admins only. */
@RestController
@RequestMapping("/api/v1/triggers")
class TriggerApi {

    /** The event to try the triggers on, and the ticket as it is now. */
    record DryRunRequest(Long ticketId, String event, String from, String to, List<String> changed) {
    }

    record DryRun(List<Triggers.Verdict> triggers, List<Long> matched) {
    }

    record Secret(String secret) {
    }

    private final Triggers triggers;
    private final TriggerRunRecords runs;
    private final TriggerEffects effects;
    private final Tickets tickets;
    private final Clock clock;

    TriggerApi(Triggers triggers, TriggerRunRecords runs, TriggerEffects effects, Tickets tickets, Clock clock) {
        this.triggers = triggers;
        this.runs = runs;
        this.effects = effects;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** Triggers are few, so they come in one page: by event, in the order they run. */
    @GetMapping
    Page<Trigger> list(Actor actor) {
        return new Page<>(triggers.all(actor), null);
    }

    @GetMapping("/{id}")
    Trigger get(Actor actor, @PathVariable long id) {
        return triggers.get(actor, id);
    }

    @PostMapping
    ResponseEntity<Trigger> create(Actor actor, @RequestBody Triggers.Draft body) {
        Trigger trigger = triggers.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/triggers/" + trigger.id())).body(trigger);
    }

    @PatchMapping("/{id}")
    Trigger change(Actor actor, @PathVariable long id, @RequestBody Triggers.Draft body) {
        return triggers.change(actor, id, body);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable long id) {
        triggers.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    /** The trigger's latest runs (up to 50), newest first: when it fired on which ticket, and what it did. */
    @GetMapping("/{id}/runs")
    Page<TriggerRunRecords.Run> runs(Actor actor, @PathVariable long id) {
        triggers.get(actor, id);
        return new Page<>(runs.latest(id, 50), null);
    }

    @GetMapping("/{id}/secret")
    Secret secret(Actor actor, @PathVariable long id) {
        return new Secret(triggers.secret(actor, id));
    }

    /** A new signing secret; the old one stops working at once. */
    @PostMapping("/{id}/secret")
    Secret rotateSecret(Actor actor, @PathVariable long id) {
        return new Secret(triggers.rotateSecret(actor, id));
    }

    /**
     * Which active triggers of an event would fire on a ticket as it is now, each condition with what it saw;
     * changes nothing and sends nothing.
     */
    @PostMapping("/dry-run")
    DryRun dryRun(Actor actor, @RequestBody DryRunRequest request) {
        Triggers.requireAdmin(actor);
        if (request.ticketId() == null) {
            throw InvalidRequest.field("ticket_id", "required: the ticket to try the triggers on");
        }
        TriggerEvent event = TriggerEvent.of(request.event()).orElseThrow(() -> InvalidRequest.field("event",
                "unknown event '" + request.event() + "'; allowed: " + String.join(", ", TriggerEvent.codes())));
        String from = request.from() == null ? null : TicketStatus.parse("from", request.from()).code();
        String to = request.to() == null ? null : TicketStatus.parse("to", request.to()).code();
        TicketView ticket = tickets.get(request.ticketId(), actor);
        Occurrence occurrence = new Occurrence(ticket.id(), event, from, to, null,
                request.changed() == null ? Set.of() : Set.copyOf(request.changed()), false, actor, clock.instant());
        TriggerFacts facts = effects.factsOf(occurrence);
        List<Triggers.Verdict> verdicts = triggers.all(actor).stream()
                .filter(t -> t.active() && t.event().equals(event.code()))
                .sorted(java.util.Comparator.comparingInt(Trigger::position).thenComparingLong(Trigger::id))
                .map(t -> {
                    List<TicketConditions.Outcome> outcomes = effects.judge(t, facts);
                    return new Triggers.Verdict(t.id(), t.name(), t.position(),
                            outcomes.stream().allMatch(TicketConditions.Outcome::matched), outcomes, t.actions());
                }).toList();
        return new DryRun(verdicts, verdicts.stream().filter(Triggers.Verdict::matched).map(Triggers.Verdict::id).toList());
    }
}
