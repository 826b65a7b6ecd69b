package dev.switchboard.ticket.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.AttachmentContent;
import dev.switchboard.ticket.CloseReason;
import dev.switchboard.ticket.HistoryEntry;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.TicketFilter;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.Created;
import dev.switchboard.web.Downloads;
import dev.switchboard.web.IdempotentCreations;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading and working tickets through the API. Creating one is intake's job ({@code channel.api}), so
 * every channel opens tickets the same way.
 */
@RestController
@RequestMapping("/api/v1/tickets")
class TicketApi {

    static final int MAX_BODY = 200_000;

    /** A PATCH body: fields left out stay as they are; {@code null} clears assignee, group or category. */
    static final class TicketPatch {
        public Integer version;
        public String status;
        public String reason;
        public String priority;
        @Size(max = 50)
        public List<String> tags;
        private Optional<Long> assigneeId;
        private Optional<Long> groupId;
        private Optional<String> category;

        public void setAssigneeId(Long value) {
            assigneeId = Optional.ofNullable(value);
        }

        public void setGroupId(Long value) {
            groupId = Optional.ofNullable(value);
        }

        public void setCategory(String value) {
            category = Optional.ofNullable(value);
        }
    }

    record MessageBody(@Size(max = MAX_BODY) String body, @Size(max = MAX_BODY) String bodyHtml, Boolean internal) {
    }

    private final Tickets tickets;
    private final IdempotentCreations idempotent;

    TicketApi(Tickets tickets, IdempotentCreations idempotent) {
        this.tickets = tickets;
        this.idempotent = idempotent;
    }

    @GetMapping
    Page<TicketView> list(Actor actor, @RequestParam(required = false) String status,
                          @RequestParam(name = "assignee_id", required = false) String assignee,
                          @RequestParam(name = "group_id", required = false) Long groupId,
                          @RequestParam(name = "requester_id", required = false) Long requesterId,
                          @RequestParam(required = false) String priority,
                          @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Long assigneeId = null;
        boolean unassigned = false;
        if ("none".equals(assignee)) {
            unassigned = true;
        } else if ("me".equals(assignee)) {
            assigneeId = actor.userId();
        } else if (assignee != null) {
            try {
                assigneeId = Long.parseLong(assignee);
            } catch (NumberFormatException e) {
                throw InvalidRequest.field("assignee_id", "a user id, 'me' or 'none'");
            }
        }
        TicketFilter filter = new TicketFilter(parseAll(status, s -> TicketStatus.parse("status", s)), assigneeId,
                unassigned, groupId, requesterId, parseAll(priority, p -> Priority.parse("priority", p)));
        return tickets.list(filter, PageQuery.of(limit, cursor), actor);
    }

    @GetMapping("/{id}")
    ResponseEntity<TicketView> get(Actor actor, @PathVariable long id) {
        TicketView ticket = tickets.get(id, actor);
        return ResponseEntity.ok().eTag("\"" + ticket.version() + "\"").body(ticket);
    }

    @PatchMapping("/{id}")
    ResponseEntity<TicketView> change(Actor actor, @PathVariable long id, @Valid @RequestBody TicketPatch body,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Integer version = body.version;
        boolean fromHeader = false;
        if (ifMatch != null) {
            version = parseETag(ifMatch);
            fromHeader = true;
        }
        if (body.category != null && body.category.filter(c -> c.length() > 100).isPresent()) {
            throw InvalidRequest.field("category", "at most 100 characters");
        }
        if (version == null) {
            tickets.get(id, actor); // a ticket the caller cannot see stays a 404
            if (!actor.isStaff()) { // no version would help: do not ask for one
                throw Problems.forbidden("Customers cannot change a ticket's fields.");
            }
            throw Problems.of(HttpStatus.PRECONDITION_REQUIRED, "Version required",
                    "Send the ticket's version as \"version\" in the body or as If-Match, so no one's change is lost.");
        }
        TicketChange change = new TicketChange(version, fromHeader,
                body.status == null ? null : TicketStatus.parse("status", body.status),
                body.reason == null ? null : CloseReason.parse("reason", body.reason),
                body.priority == null ? null : Priority.parse("priority", body.priority),
                body.assigneeId, body.groupId, body.category, body.tags == null ? null : new java.util.HashSet<>(body.tags));
        tickets.change(id, change, actor);
        // read again once committed: triggers run as the change commits, and the answer shows what they did too
        TicketView ticket = tickets.get(id, actor);
        return ResponseEntity.ok().eTag("\"" + ticket.version() + "\"").body(ticket);
    }

    @PostMapping("/{id}/messages")
    ResponseEntity<MessageView> post(Actor actor, @PathVariable long id, @Valid @RequestBody MessageBody body,
                                     @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        if ((body.body() == null || body.body().isBlank()) && (body.bodyHtml() == null || body.bodyHtml().isBlank())) {
            throw InvalidRequest.field("body", "must not be empty");
        }
        NewMessage message = new NewMessage(body.body(), body.bodyHtml(), Boolean.TRUE.equals(body.internal()), null);
        Created<MessageView> created = idempotent.create(actor.userId(), key, "message.create:" + id,
                IdempotentCreations.fingerprint(message),
                () -> tickets.post(id, message, actor).id(), messageId -> tickets.message(messageId, actor));
        MessageView view = created.resource();
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + view.ticketId() + "/messages/" + view.id()))
                .body(view);
    }

    @GetMapping("/{id}/messages")
    Page<MessageView> messages(Actor actor, @PathVariable long id) {
        return new Page<>(tickets.messages(id, actor), null);
    }

    @GetMapping("/{id}/messages/{messageId}")
    MessageView message(Actor actor, @PathVariable long id, @PathVariable long messageId) {
        MessageView message = tickets.message(messageId, actor);
        if (message.ticketId() != id) {
            throw Problems.notFound("Message " + messageId);
        }
        return message;
    }

    /** A stored file. Served as a download, never rendered inline, so a hostile file cannot run in our origin. */
    @GetMapping("/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(Actor actor, @PathVariable long id, @PathVariable long attachmentId) {
        AttachmentContent file = tickets.attachment(id, attachmentId, actor);
        return Downloads.attachment(file.filename(), file.content());
    }

    @GetMapping("/{id}/history")
    Page<HistoryEntry> history(Actor actor, @PathVariable long id) {
        return new Page<>(tickets.history(id, actor), null);
    }

    private static <T> Set<T> parseAll(String csv, Function<String, T> parse) {
        if (csv == null || csv.isBlank()) {
            return null;
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(parse)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Integer parseETag(String ifMatch) {
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw InvalidRequest.field("If-Match", "must be the ETag this API gave out, like \"3\"");
        }
    }
}
