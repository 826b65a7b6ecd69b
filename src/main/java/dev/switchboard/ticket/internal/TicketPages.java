package dev.switchboard.ticket.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.GroupSummary;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.ticket.Attachment;
import dev.switchboard.ticket.AttachmentContent;
import dev.switchboard.ticket.Categories;
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
import dev.switchboard.web.Downloads;
import dev.switchboard.web.PageQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The agent's workspace: the views of the queue and the ticket page. Customers use the portal instead. */
@Controller
class TicketPages {

    /** A named view of the queue. */
    record View(String key, TicketFilter filter) {
    }

    /** A view as the sidebar shows it; past {@link #COUNT_UP_TO} the count reads "10000+". */
    record ViewCount(String key, long count) {
        public String shown() {
            return count >= COUNT_UP_TO ? COUNT_UP_TO + "+" : Long.toString(count);
        }
    }

    static final long COUNT_UP_TO = 10_000;

    private static final EnumSet<TicketStatus> ACTIVE = EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN,
            TicketStatus.IN_PROGRESS, TicketStatus.PENDING);

    private final Tickets tickets;
    private final UserDirectory directory;
    private final Categories categories;
    private final Viewers viewers;
    private final java.time.Clock clock;
    private final SavedViews savedViews;

    TicketPages(Tickets tickets, UserDirectory directory, Categories categories, Viewers viewers, java.time.Clock clock,
                SavedViews savedViews) {
        this.clock = clock;
        this.savedViews = savedViews;
        this.tickets = tickets;
        this.directory = directory;
        this.categories = categories;
        this.viewers = viewers;
    }

    private List<View> views(Actor actor) {
        Set<Long> myGroups = directory.groups().stream().filter(g -> g.memberIds().contains(actor.userId()))
                .map(GroupSummary::id).collect(Collectors.toSet());
        return List.of(
                new View("mine", new TicketFilter(ACTIVE, actor.userId(), false, null, null, null)),
                new View("unassigned", new TicketFilter(ACTIVE, null, true, null, null, null)),
                new View("groups", new TicketFilter(ACTIVE, null, false, null, null, null, myGroups, null, null)),
                new View("pending", new TicketFilter(EnumSet.of(TicketStatus.PENDING), null, false, null, null, null)),
                new View("active", new TicketFilter(ACTIVE, null, false, null, null, null)),
                new View("resolved", new TicketFilter(EnumSet.of(TicketStatus.RESOLVED), null, false, null, null, null)),
                new View("all", TicketFilter.any()));
    }

    @GetMapping("/tickets")
    String list(Actor actor, @RequestParam(defaultValue = "mine") String view,
                @RequestParam(required = false) String status, @RequestParam(required = false) String priority,
                @RequestParam(required = false) String category, @RequestParam(required = false) String tag,
                @RequestParam(required = false) Long assignee, @RequestParam(required = false) Integer age,
                @RequestParam(required = false) Long saved, @RequestParam(required = false) String cursor,
                jakarta.servlet.http.HttpServletRequest request, Model model) {
        if (!actor.isStaff()) {
            return "redirect:/portal";
        }
        List<View> views = views(actor);
        View chosen = views.stream().filter(v -> v.key().equals(view)).findFirst().orElse(views.get(0));
        TicketFilter base = chosen.filter();
        // age: one of the dashboard's aging buckets, by index; bucket i holds tickets that entered their status
        // between AGE_BUCKETS[i-1] and AGE_BUCKETS[i] ago (the first has no lower bound, the last no upper)
        List<java.time.Duration> bounds = dev.switchboard.ticket.TicketStatistics.AGE_BUCKETS;
        Instant now = clock.instant();
        Instant since = null;
        Instant before = null;
        if (age != null && age >= 0 && age <= bounds.size()) {
            since = age == bounds.size() ? null : now.minus(bounds.get(age));
            before = age == 0 ? null : now.minus(bounds.get(age - 1));
        }
        TicketFilter filter = new TicketFilter(
                blank(status) ? base.statuses() : EnumSet.of(TicketStatus.parse("status", status)),
                assignee != null ? assignee : base.assigneeId(), assignee == null && base.unassigned(), base.groupId(),
                base.requesterId(), blank(priority) ? null : EnumSet.of(Priority.parse("priority", priority)),
                base.groupIds(), blank(category) ? null : category, blank(tag) ? null : tag.strip().toLowerCase(),
                since, before);
        model.addAttribute("actor", actor);
        model.addAttribute("views", views.stream().map(v -> new ViewCount(v.key(), tickets.count(v.filter(), actor, COUNT_UP_TO))).toList());
        model.addAttribute("view", chosen.key());
        model.addAttribute("status", status);
        model.addAttribute("priority", priority);
        model.addAttribute("category", category);
        model.addAttribute("tag", tag);
        model.addAttribute("assignee", assignee);
        model.addAttribute("age", age);
        List<SavedViews.SavedView> mine = savedViews.of(actor.userId());
        model.addAttribute("savedViews", mine);
        model.addAttribute("savedId", saved);
        model.addAttribute("savedName", mine.stream().filter(v -> v.id() == (saved == null ? -1 : saved)).findFirst()
                .map(SavedViews.SavedView::name).orElse(null));
        model.addAttribute("query", SavedViews.withoutPaging(request.getQueryString()));
        model.addAttribute("statuses", Arrays.stream(TicketStatus.values()).map(TicketStatus::code).toList());
        model.addAttribute("priorities", Arrays.stream(Priority.values()).map(Priority::code).toList());
        model.addAttribute("categories", categories.all(true));
        model.addAttribute("staff", directory.staff());
        model.addAttribute("page", tickets.list(filter, PageQuery.of(50, cursor), actor));
        return "ticket/list";
    }

    @GetMapping("/tickets/{id}")
    String show(Actor actor, @PathVariable long id, Model model) {
        if (!actor.isStaff()) {
            return "redirect:/portal/requests/" + id;
        }
        TicketView ticket = tickets.get(id, actor);
        model.addAttribute("actor", actor);
        model.addAttribute("ticket", ticket);
        model.addAttribute("loadedAt", clock.instant().toString());
        model.addAttribute("messages", tickets.messages(id, actor));
        model.addAttribute("targets", TicketStatus.parse("status", ticket.status()).agentTargets().stream()
                .map(TicketStatus::code).toList());
        model.addAttribute("priorities", Arrays.stream(Priority.values()).map(Priority::code).toList());
        model.addAttribute("staff", directory.staff());
        model.addAttribute("groups", directory.groups());
        model.addAttribute("categories", categories.all(true));
        model.addAttribute("history", tickets.history(id, actor));
        model.addAttribute("others", tickets.list(new TicketFilter(null, null, false, null, ticket.requester().id(), null),
                PageQuery.of(11, null), actor).items().stream().filter(t -> t.id() != id).limit(10).toList());
        model.addAttribute("viewers", viewers.seen(id, actor.userId()));
        model.addAttribute("changed", false);
        model.addAttribute("seenVersion", ticket.version());
        return "ticket/show";
    }

    /** Polled by the open ticket page: who else is here, and whether the ticket changed since it loaded. */
    @GetMapping("/tickets/{id}/presence")
    String presence(Actor actor, @PathVariable long id, @RequestParam int version, Model model) {
        TicketView ticket = tickets.get(id, actor);
        model.addAttribute("viewers", viewers.seen(id, actor.userId()));
        model.addAttribute("changed", ticket.version() != version);
        model.addAttribute("seenVersion", version);
        model.addAttribute("ticket", ticket);
        return "ticket/presence :: presence";
    }

    @PostMapping("/tickets/{id}/messages")
    String post(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "") String body,
                @RequestParam(defaultValue = "false") boolean internal, @RequestParam(required = false) Integer seenVersion,
                @RequestParam(required = false) String loadedAt, @RequestParam(defaultValue = "false") boolean confirmed,
                @RequestParam(name = "files", required = false) List<MultipartFile> files, RedirectAttributes flash) {
        try {
            TicketView ticket = tickets.get(id, actor);
            if (seenVersion != null && ticket.version() != seenVersion && !confirmed) {
                // Someone replied or changed the ticket since this agent opened it: show what, keep the draft.
                flash.addFlashAttribute("collision", changesSince(id, loadedAt, actor));
                flash.addFlashAttribute("draft", body);
                flash.addFlashAttribute("draftInternal", internal);
                return "redirect:/tickets/" + id + "#composer";
            }
            MessageView message = tickets.post(id, new NewMessage(body, null, internal, null, attachments(files)), actor);
            return "redirect:/tickets/" + message.ticketId() + "#m" + message.id();
        } catch (ErrorResponseException e) {
            return failed(e, id, flash);
        }
    }

    @PostMapping("/tickets/{id}")
    String change(Actor actor, @PathVariable long id, @RequestParam int version,
                  @RequestParam(required = false) String status, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String priority,
                  @RequestParam(name = "assigneeId", required = false) Long assigneeId,
                  @RequestParam(name = "groupId", required = false) Long groupId,
                  @RequestParam(required = false) String category, @RequestParam(required = false) String tags,
                  RedirectAttributes flash) {
        try {
            tickets.change(id, new TicketChange(version, false,
                    blank(status) ? null : TicketStatus.parse("status", status),
                    blank(reason) ? null : CloseReason.parse("reason", reason),
                    blank(priority) ? null : Priority.parse("priority", priority),
                    Optional.ofNullable(assigneeId), Optional.ofNullable(groupId),
                    category == null ? null : Optional.of(category),
                    tags == null ? null : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                            .collect(Collectors.toSet())), actor);
            flash.addFlashAttribute("notice", "ticket.saved");
            return "redirect:/tickets/" + id;
        } catch (ErrorResponseException e) {
            return failed(e, id, flash);
        }
    }

    @PostMapping("/tickets/{id}/assign-to-me")
    String assignToMe(Actor actor, @PathVariable long id, @RequestParam int version, RedirectAttributes flash) {
        try {
            tickets.change(id, new TicketChange(version, false, null, null, null, Optional.of(actor.userId()), null,
                    null, null), actor);
            flash.addFlashAttribute("notice", "ticket.assigned-to-you");
            return "redirect:/tickets/" + id;
        } catch (ErrorResponseException e) {
            return failed(e, id, flash);
        }
    }

    /** Several tickets at once from a list: assign, change status, add tags. */
    @PostMapping("/tickets/bulk")
    String bulk(Actor actor, @RequestParam(name = "ids", required = false) List<Long> ids,
                @RequestParam(required = false) String status, @RequestParam(name = "assigneeId", required = false) Long assigneeId,
                @RequestParam(required = false) String addTags, @RequestParam(defaultValue = "mine") String view,
                RedirectAttributes flash) {
        int done = 0;
        List<String> refused = new ArrayList<>();
        for (long id : ids == null ? List.<Long>of() : ids) {
            try {
                TicketView ticket = tickets.get(id, actor);
                Set<String> tags = null;
                if (!blank(addTags)) {
                    tags = new java.util.TreeSet<>(ticket.tags());
                    Arrays.stream(addTags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).forEach(tags::add);
                }
                tickets.change(id, new TicketChange(ticket.version(), false,
                        blank(status) ? null : TicketStatus.parse("status", status), null, null,
                        assigneeId == null ? null : Optional.of(assigneeId), null, null, tags), actor);
                done++;
            } catch (ErrorResponseException e) {
                refused.add("#" + id + ": " + e.getBody().getDetail());
            }
        }
        flash.addFlashAttribute("bulkDone", done);
        flash.addFlashAttribute("bulkRefused", refused);
        return "redirect:/tickets?view=" + view;
    }

    @PostMapping("/tickets/views")
    String saveView(Actor actor, @RequestParam String name, @RequestParam(defaultValue = "") String query) {
        long id = savedViews.save(actor.userId(), name, query);
        return "redirect:/tickets?" + SavedViews.withoutPaging(query) + "&saved=" + id;
    }

    @PostMapping("/tickets/views/{id}/delete")
    String deleteView(Actor actor, @PathVariable long id) {
        savedViews.delete(actor.userId(), id);
        return "redirect:/tickets";
    }

    @GetMapping("/tickets/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(Actor actor, @PathVariable long id, @PathVariable long attachmentId) {
        AttachmentContent file = tickets.attachment(id, attachmentId, actor);
        return Downloads.attachment(file.filename(), file.content());
    }

    /** The history lines and messages newer than when the page was loaded. */
    private List<String> changesSince(long id, String loadedAt, Actor actor) {
        Instant since;
        try {
            since = loadedAt == null ? Instant.EPOCH : Instant.parse(loadedAt);
        } catch (java.time.format.DateTimeParseException e) {
            since = Instant.EPOCH;
        }
        Map<String, String> lines = new LinkedHashMap<>();
        for (HistoryEntry h : tickets.history(id, actor)) {
            if (h.occurredAt().isAfter(since)) {
                String who = h.actorName() != null ? h.actorName() : h.actorSystem();
                String what = h.field() != null ? h.field() + " → " + (h.newValue() == null ? "—" : h.newValue())
                        : h.action().replace('_', ' ');
                lines.put(h.occurredAt() + who + what, who + ": " + what);
            }
        }
        return List.copyOf(lines.values());
    }

    private static List<Attachment> attachments(List<MultipartFile> files) {
        List<Attachment> attachments = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (!file.isEmpty()) {
                try {
                    attachments.add(Attachment.uploaded(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return attachments;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A refused change comes back to the ticket page with the reason, instead of an error page. */
    private static String failed(ErrorResponseException e, long id, RedirectAttributes flash) {
        if (e.getStatusCode().value() == 404) {
            throw e;
        }
        flash.addFlashAttribute("error", e.getBody().getDetail());
        return "redirect:/tickets/" + id;
    }
}
