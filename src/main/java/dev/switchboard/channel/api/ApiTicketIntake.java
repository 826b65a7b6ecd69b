package dev.switchboard.channel.api;

import dev.switchboard.identity.Actor;
import dev.switchboard.intake.InboundMessage;
import dev.switchboard.intake.Intake;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.Created;
import dev.switchboard.web.IdempotentCreations;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST channel: {@code POST /api/v1/tickets} hands the request to intake like every other channel. An
 * agent files on behalf of the requester named in the body; a customer is always the requester.
 */
@RestController
class ApiTicketIntake {

    record RequesterBody(@NotBlank @Email @Size(max = 320) String email, @Size(max = 200) String name) {
    }

    record NewTicketBody(@NotBlank @Size(max = 500) String subject, @Size(max = 200_000) String description,
                         @Size(max = 200_000) String descriptionHtml, @Valid RequesterBody requester, String priority,
                         @Size(max = 100) String category, @Size(max = 50) List<String> tags) {
    }

    private final Intake intake;
    private final Tickets tickets;
    private final IdempotentCreations idempotent;

    ApiTicketIntake(Intake intake, Tickets tickets, IdempotentCreations idempotent) {
        this.intake = intake;
        this.tickets = tickets;
        this.idempotent = idempotent;
    }

    @PostMapping("/api/v1/tickets")
    ResponseEntity<TicketView> create(Actor actor, @Valid @RequestBody NewTicketBody body,
                                      @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        String email;
        String name;
        if (actor.isCustomer()) {
            if (body.requester() != null && !body.requester().email().equalsIgnoreCase(actor.email())) {
                throw Problems.forbidden("Customers open tickets for themselves; leave out requester or name yourself.");
            }
            email = actor.email();
            name = actor.name();
        } else {
            if (body.requester() == null) {
                throw InvalidRequest.field("requester", "required: the email (and name) of the person this ticket is for");
            }
            email = body.requester().email();
            name = body.requester().name();
        }
        InboundMessage message = new InboundMessage(Channel.API, email, name, body.subject(), body.description(),
                body.descriptionHtml(), body.priority() == null ? null : Priority.parse("priority", body.priority()),
                body.category(), body.tags() == null ? Set.of() : new java.util.HashSet<>(body.tags()));
        // The fingerprint (a digest of the whole request) is only needed to check a replayed key. New tickets come
        // in numbers and lock nothing others hold, so concurrent ones share a commit.
        Created<TicketView> created = idempotent.createGrouped(actor.userId(), key, "ticket.create",
                key == null ? null : IdempotentCreations.fingerprint(message),
                () -> intake.receive(message, actor).ticketId(), id -> tickets.get(id, actor));
        TicketView ticket = created.resource();
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticket.id()))
                .eTag("\"" + ticket.version() + "\"").body(ticket);
    }
}
