package dev.switchboard.ticket.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Requester;
import dev.switchboard.ticket.Attachment;
import dev.switchboard.ticket.AttachmentContent;
import dev.switchboard.ticket.AttachmentView;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.HistoryEntry;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.NewTicket;
import dev.switchboard.ticket.OpenedTicket;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Tags;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.TicketEvents.FieldChanged;
import dev.switchboard.ticket.TicketEvents.MessagePosted;
import dev.switchboard.ticket.TicketEvents.StatusChanged;
import dev.switchboard.ticket.TicketEvents.TicketChanged;
import dev.switchboard.ticket.TicketEvents.TicketOpened;
import dev.switchboard.ticket.TicketFilter;
import dev.switchboard.ticket.TicketSection;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class TicketService implements Tickets {

    private final TicketRecords records;
    private final MessageRecords messages;
    private final AttachmentRecords attachments;
    private final long maxAttachmentBytes;
    private final MessageBodies bodies;
    private final UserDirectory directory;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final List<TicketSection> sections;

    TicketService(TicketRecords records, MessageRecords messages, AttachmentRecords attachments, MessageBodies bodies,
                  UserDirectory directory, AuditTrail audit, ApplicationEventPublisher events, Clock clock,
                  @Value("${switchboard.attachments.max-size:25MB}") DataSize maxAttachment,
                  List<TicketSection> sections) {
        this.sections = List.copyOf(sections);
        this.records = records;
        this.messages = messages;
        this.attachments = attachments;
        this.maxAttachmentBytes = maxAttachment.toBytes();
        this.bodies = bodies;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public OpenedTicket open(NewTicket ticket, Actor actor) {
        return open(ticket, actor, null);
    }

    private OpenedTicket open(NewTicket n, Actor actor, Long followUpOf) {
        // the database keeps microseconds: the view kept in memory below must be what a read would give
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        MessageBodies.Body body = bodies.of(n.description(), n.descriptionHtml());
        String category = n.category() == null || n.category().isBlank() ? null : n.category().strip();
        Ticket ticket = Ticket.open(n.subject().strip(), body.text(), n.priority() == null ? Priority.NORMAL : n.priority(),
                category, n.channel(), n.requester().userId(), n.requester().organizationId(), followUpOf,
                Tags.normalize("tags", n.tags()), actor, now);
        boolean withMessage = !body.text().isBlank() || !n.attachments().isEmpty();
        TicketRecords.Opened opened = records.insertOpened(ticket,
                withMessage ? new TicketRecords.FirstMessage(n.requester().userId(), body.text(), body.html()) : null);
        long id = opened.ticketId();
        Long messageId = opened.messageId();
        List<Long> participants = n.participantIds().stream().filter(p -> p != n.requester().userId()).toList();
        records.addParticipants(id, participants);
        records.rememberNew(ticket, new TicketView.Person(n.requester().userId(), n.requester().name(), n.requester().email()),
                participants);
        if (messageId != null) {
            storeFiles(id, messageId, n.attachments(), now);
        }
        audit.record(AuditEntry.action("ticket", id, "created", actor.userId(), actor.systemJob(), now)
                .withReason(followUpOf == null ? "via " + n.channel().code() : "follow-up of #" + followUpOf));
        events.publishEvent(new TicketOpened(id, n.channel(), n.requester().userId(), followUpOf, n.autoGenerated(), now));
        return new OpenedTicket(id, messageId);
    }

    @Override
    public TicketView get(long id, Actor viewer) {
        return records.view(id).filter(v -> canSee(viewer, v.requester().id(), v.organizationId())
                        || v.participantIds().contains(viewer.userId()))
                .map(v -> withSections(List.of(v), viewer).get(0))
                .orElseThrow(() -> notFound(id));
    }

    /** Adds what other modules know about these tickets (see {@link TicketSection}). */
    private List<TicketView> withSections(List<TicketView> views, Actor viewer) {
        List<TicketView> result = views;
        for (TicketSection section : sections) {
            Map<Long, Object> values = section.forTickets(views.stream().map(TicketView::id).toList(), viewer);
            result = result.stream().map(v -> values.containsKey(v.id()) ? v.withSection(section.name(), values.get(v.id())) : v)
                    .toList();
        }
        return result;
    }

    @Override
    public Page<TicketView> list(TicketFilter filter, PageQuery page, Actor viewer) {
        Page<TicketView> found = Page.of(records.page(filter, page.after(), page.fetchSize(), scopeOf(viewer)), page,
                TicketView::id);
        return new Page<>(withSections(found.items(), viewer), found.nextCursor());
    }

    @Override
    public long count(TicketFilter filter, Actor viewer, long upTo) {
        return records.count(filter, scopeOf(viewer), upTo);
    }

    private static TicketRecords.CustomerScope scopeOf(Actor viewer) {
        return viewer.isStaff() ? null : new TicketRecords.CustomerScope(viewer.userId(),
                viewer.organizationShared() ? viewer.organizationId() : null);
    }

    @Override
    @Transactional
    public TicketView change(long id, TicketChange change, Actor actor) {
        Ticket ticket = lockVisible(id, actor);
        if (!actor.isStaff()) {
            throw Problems.forbidden("Customers cannot change a ticket's fields.");
        }
        if (change.expectedVersion() != ticket.version()) {
            throw Problems.of(change.versionFromHeader() ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT,
                    "Ticket changed meanwhile", "Ticket #" + id + " was changed by someone else since you loaded it "
                            + "(your version " + change.expectedVersion() + ", now " + ticket.version()
                            + "). Reload it and apply your change again.");
        }
        Instant now = clock.instant();
        if (change.assigneeId() != null) {
            change.assigneeId().ifPresent(this::requireAssignable);
            ticket.assignTo(change.assigneeId().orElse(null), now);
        }
        if (change.groupId() != null) {
            change.groupId().ifPresent(group -> {
                if (!directory.groupExists(group)) {
                    throw InvalidRequest.field("group_id", "no group " + group);
                }
            });
            ticket.moveToGroup(change.groupId().orElse(null), now);
        }
        if (change.priority() != null) {
            ticket.prioritize(change.priority(), now);
        }
        if (change.category() != null) {
            ticket.categorize(change.category().map(String::strip).filter(c -> !c.isEmpty()).orElse(null), now);
        }
        if (change.tags() != null) {
            ticket.retag(Tags.normalize("tags", change.tags()), now);
        }
        if (change.status() != null) {
            ticket.moveTo(change.status(), change.reason(), actor, now);
        }
        save(ticket, actor, now);
        return withSections(List.of(records.view(id).orElseThrow()), actor).get(0);
    }

    @Override
    @Transactional
    public MessageView post(long ticketId, NewMessage message, Actor author) {
        Ticket ticket = lockVisible(ticketId, author);
        if (message.internal() && !author.isStaff()) {
            throw Problems.forbidden("Customers cannot write internal notes.");
        }
        MessageBodies.Body body = bodies.of(message.text(), message.html());
        if (body.text().isBlank() && message.attachments().isEmpty()) {
            throw InvalidRequest.field("body", "must not be empty");
        }
        Instant now = clock.instant();
        boolean byRequester = author.isCustomer();
        if (ticket.status() == TicketStatus.CLOSED) {
            if (!byRequester) {
                throw Problems.conflict("Ticket #" + ticketId + " is closed, and closed tickets are final. "
                        + "A requester's message on it opens a follow-up ticket.");
            }
            OpenedTicket followUp = open(new NewTicket(ticket.subject(), message.text(), message.html(),
                    new Requester(author.userId(), author.name(), author.email(), author.organizationId()),
                    ticket.priority(), ticket.category(), ticket.tags(),
                    message.channel() == null ? ticket.channel() : message.channel(), message.autoGenerated(),
                    message.attachments(), Set.of()), author, ticketId);
            return withFiles(messages.ofTicket(followUp.ticketId(), false)).get(0);
        }
        if (byRequester) {
            ticket.requesterReplied(author, now);
        } else if (message.internal()) {
            ticket.noted(now);
        } else {
            ticket.agentReplied(author, now);
        }
        long messageId = messages.insert(ticketId, author.userId(), message.internal(), body.text(), body.html(), now);
        storeFiles(ticketId, messageId, message.attachments(), now);
        audit.record(AuditEntry.action("ticket", ticketId, message.internal() ? "note_added" : "reply_added",
                author.userId(), author.systemJob(), now).withReason("message " + messageId));
        save(ticket, author, now);
        events.publishEvent(new MessagePosted(ticketId, messageId, message.internal(), byRequester, author, now,
                message.autoGenerated()));
        return withFiles(List.of(messages.byId(messageId).orElseThrow())).get(0);
    }

    /**
     * Stores a message's files. One over the size limit is not stored, and an internal note on the ticket
     * says so: a refusal is recorded, never silent.
     */
    private void storeFiles(long ticketId, long messageId, List<Attachment> files, Instant now) {
        List<String> refused = new ArrayList<>();
        for (Attachment file : files) {
            if (file.content().length > maxAttachmentBytes) {
                refused.add("'" + file.filename() + "' (" + DataSize.ofBytes(file.content().length).toKilobytes() + " KB)");
            } else {
                attachments.insert(ticketId, messageId, file, now);
            }
        }
        if (!refused.isEmpty()) {
            String note = "Not stored, larger than the " + DataSize.ofBytes(maxAttachmentBytes).toMegabytes()
                    + " MB limit for attachments: " + String.join(", ", refused) + ".";
            messages.insert(ticketId, null, true, note, MessageBodies.htmlOf(note), now);
            audit.record(AuditEntry.action("ticket", ticketId, "attachment_refused", null, "attachments", now)
                    .withReason(String.join(", ", refused)));
        }
    }

    private List<MessageView> withFiles(List<MessageView> list) {
        Map<Long, List<AttachmentView>> files = attachments.ofMessages(list.stream().map(MessageView::id).toList());
        return list.stream().map(m -> m.withAttachments(files.getOrDefault(m.id(), List.of()))).toList();
    }

    @Override
    public AttachmentContent attachment(long ticketId, long attachmentId, Actor viewer) {
        get(ticketId, viewer);
        return attachments.content(attachmentId)
                .filter(a -> a.ticketId() == ticketId && (viewer.isStaff() || !a.internal()))
                .map(AttachmentRecords.Stored::content)
                .orElseThrow(() -> Problems.notFound("Attachment " + attachmentId));
    }

    @Override
    public List<Attachment> filesToSend(long ticketId, List<Long> attachmentIds) {
        return attachments.publicFiles(ticketId, attachmentIds);
    }

    @Override
    @Transactional
    public void addParticipant(long ticketId, long userId, Actor actor) {
        Ticket ticket = records.lock(ticketId).orElseThrow(() -> notFound(ticketId));
        if (ticket.requesterId() != userId && !records.isParticipant(ticketId, userId)) {
            records.addParticipants(ticketId, List.of(userId));
            audit.record(AuditEntry.change("ticket", ticketId, "participant_added", null, userId, actor.userId(),
                    actor.systemJob(), clock.instant()));
        }
    }

    @Override
    @Transactional
    public TicketView markSolved(long ticketId, Actor requester) {
        Ticket ticket = lockVisible(ticketId, requester);
        if (!requester.isCustomer()) {
            throw Problems.forbidden("Agents resolve tickets by changing their status.");
        }
        Instant now = clock.instant();
        ticket.solvedByRequester(requester, now);
        if (!ticket.transitions().isEmpty()) {
            save(ticket, requester, now);
        }
        return get(ticketId, requester);
    }

    @Override
    public MessageView message(long messageId, Actor viewer) {
        MessageView message = messages.byId(messageId).orElseThrow(() -> Problems.notFound("Message " + messageId));
        get(message.ticketId(), viewer);
        if (message.internal() && !viewer.isStaff()) {
            throw Problems.notFound("Message " + messageId);
        }
        return withFiles(List.of(message)).get(0);
    }

    @Override
    public List<MessageView> messages(long ticketId, Actor viewer) {
        get(ticketId, viewer);
        return withFiles(messages.ofTicket(ticketId, viewer.isStaff()));
    }

    @Override
    public List<HistoryEntry> history(long ticketId, Actor viewer) {
        get(ticketId, viewer);
        if (!viewer.isStaff()) {
            throw Problems.forbidden("A ticket's history is for the team.");
        }
        List<AuditEntry> entries = audit.of("ticket", ticketId);
        Map<Long, UserSummary> people = directory.findUsers(entries.stream().map(AuditEntry::actorUserId)
                .filter(Objects::nonNull).distinct().toList());
        return entries.stream().map(e -> new HistoryEntry(e.occurredAt(), e.actorUserId(),
                Optional.ofNullable(e.actorUserId()).map(people::get).map(UserSummary::name).orElse(null),
                e.actorSystem(), e.action(), e.field(), e.oldValue(), e.newValue(), e.reason())).toList();
    }

    /** For the auto-close job: closes the ticket if it is still resolved since before the cutoff. */
    boolean closeIfStillResolved(long id, Instant resolvedBefore, Actor job) {
        Optional<Ticket> ticket = records.lock(id);
        Instant now = clock.instant();
        if (ticket.isEmpty() || !ticket.get().closeAutomatically(resolvedBefore, job, now)) {
            return false;
        }
        save(ticket.get(), job, now);
        return true;
    }

    /** Writes the ticket and what changed on it: the record, the audit trail and the events, in one transaction. */
    private void save(Ticket ticket, Actor actor, Instant now) {
        records.update(ticket);
        List<AuditEntry> entries = new ArrayList<>();
        for (FieldChanged change : ticket.changes()) {
            entries.add(AuditEntry.change("ticket", ticket.id(), change.field(), change.oldValue(), change.newValue(),
                    actor.userId(), actor.systemJob(), now));
        }
        for (Ticket.Transition move : ticket.transitions()) {
            entries.add(AuditEntry.change("ticket", ticket.id(), "status", move.from() == null ? null : move.from().code(),
                    move.to().code(), move.actor().userId(), move.actor().systemJob(), move.at()).withReason(move.reason()));
        }
        audit.record(entries);
        if (!ticket.changes().isEmpty()) {
            events.publishEvent(new TicketChanged(ticket.id(), actor, List.copyOf(ticket.changes()), now));
        }
        for (Ticket.Transition move : ticket.transitions()) {
            events.publishEvent(new StatusChanged(ticket.id(), move.from(), move.to(), move.actor(), move.reason(), move.at()));
        }
    }

    private Ticket lockVisible(long id, Actor actor) {
        return records.lock(id).filter(t -> canSee(actor, t.requesterId(), t.organizationId())
                        || (actor.userId() != null && records.isParticipant(id, actor.userId())))
                .orElseThrow(() -> notFound(id));
    }

    private void requireAssignable(long userId) {
        UserSummary user = directory.findUser(userId)
                .orElseThrow(() -> InvalidRequest.field("assignee_id", "no user " + userId));
        if (!user.role().isStaff() || !user.active()) {
            throw InvalidRequest.field("assignee_id", "user " + userId + " is not an active agent or admin");
        }
    }

    static boolean canSee(Actor viewer, long requesterId, Long organizationId) {
        if (viewer.isStaff()) {
            return true;
        }
        return Objects.equals(viewer.userId(), requesterId)
                || (viewer.organizationShared() && viewer.organizationId() != null
                && viewer.organizationId().equals(organizationId));
    }

    private static RuntimeException notFound(long id) {
        return Problems.notFound("Ticket #" + id);
    }
}
