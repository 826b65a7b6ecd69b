package dev.switchboard.channel.email.inbound;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The quarantine page: mail that could not be taken, newest first, with when it came, from whom, its subject
 * and why it failed. Admins download the original, retry it (and read what became of it: a ticket, or the
 * reason it still fails), or discard it with a reason; discarded mail stays listed under its own tab, with
 * who discarded it and why. Duplicates (kept copies) have a tab too.
 */
@Controller
@RequestMapping("/admin/email/quarantine")
class QuarantinePages {

    /** The tabs: what each lists. */
    static final Map<String, InboundStatus> VIEWS = Map.of("quarantined", InboundStatus.QUARANTINED,
            "discarded", InboundStatus.DISCARDED, "duplicate", InboundStatus.DUPLICATE);
    private static final int PAGE = 50;

    /** A row: the stored email, its mailbox's address, and the name of who discarded it. */
    record Row(InboundEmails.Stored email, String mailbox, String discardedBy) {
    }

    private final InboundEmails emails;
    private final Quarantine quarantine;
    private final MailboxRecords mailboxes;
    private final UserDirectory directory;
    private final MessageSource messages;

    QuarantinePages(InboundEmails emails, Quarantine quarantine, MailboxRecords mailboxes, UserDirectory directory,
                    MessageSource messages) {
        this.emails = emails;
        this.quarantine = quarantine;
        this.mailboxes = mailboxes;
        this.directory = directory;
        this.messages = messages;
    }

    @ModelAttribute
    void adminsOnly(Actor actor, Model model) {
        Mailboxes.requireAdmin(actor);
        model.addAttribute("actor", actor);
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "quarantined") String view, @RequestParam(required = false) Long mailbox,
                @RequestParam(required = false) Long before, Model model) {
        InboundStatus status = VIEWS.get(view);
        if (status == null) {
            view = "quarantined";
            status = InboundStatus.QUARANTINED;
        }
        List<InboundEmails.Stored> page = emails.page(status, mailbox, before, PAGE + 1);
        Map<Long, String> addresses = mailboxes.addressesById();
        Set<Long> discarders = new HashSet<>();
        page.stream().map(InboundEmails.Stored::discardedBy).filter(Objects::nonNull).forEach(discarders::add);
        Map<Long, UserSummary> people = discarders.isEmpty() ? Map.of() : directory.findUsers(discarders);
        model.addAttribute("rows", page.stream().limit(PAGE).map(e -> new Row(e,
                e.mailboxId() == null ? null : addresses.get(e.mailboxId()),
                e.discardedBy() == null ? null : people.containsKey(e.discardedBy())
                        ? people.get(e.discardedBy()).name() : "#" + e.discardedBy())).toList());
        model.addAttribute("nextBefore", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        model.addAttribute("view", view);
        model.addAttribute("views", List.of("quarantined", "discarded", "duplicate"));
        model.addAttribute("mailbox", mailbox);
        model.addAttribute("mailboxAddress", mailbox == null ? null : addresses.get(mailbox));
        model.addAttribute("quarantinedCount", emails.count(InboundStatus.QUARANTINED));
        return "email/quarantine";
    }

    /** The message as it arrived, to open in a mail client. */
    @GetMapping("/{id}/raw")
    ResponseEntity<byte[]> raw(Actor actor, @PathVariable long id) {
        byte[] raw = quarantine.raw(actor, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("message/rfc822"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("inbound-" + id + ".eml").build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(raw);
    }

    @PostMapping("/{id}/retry")
    String retry(Actor actor, @PathVariable long id, @RequestParam(required = false) Long mailbox,
                 RedirectAttributes flash) {
        try {
            IngestResult result = quarantine.retry(actor, id);
            switch (result.status()) {
                case PROCESSED -> flash.addFlashAttribute("retried", new Retried(id, result.ticketId(), null, null));
                case QUARANTINED -> flash.addFlashAttribute("retried", new Retried(id, null, result.error(), null));
                default -> flash.addFlashAttribute("retried", new Retried(id, result.ticketId(), null,
                        say("quarantine.retry." + result.status().code(), result.error() == null ? "" : result.error())));
            }
        } catch (ErrorResponseException refused) {
            flash.addFlashAttribute("error", refused.getBody().getDetail());
        }
        return back(mailbox);
    }

    /** What a retry came to, for the notice: a ticket, the reason it still fails, or another outcome in words. */
    record Retried(long id, Long ticketId, String stillFailing, String other) {
    }

    @PostMapping("/{id}/discard")
    String discard(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "") String reason,
                   @RequestParam(required = false) Long mailbox, RedirectAttributes flash) {
        try {
            quarantine.discard(actor, id, reason);
            flash.addFlashAttribute("notice", say("quarantine.discarded-notice", id));
        } catch (ErrorResponseException refused) {
            flash.addFlashAttribute("error", say("quarantine.discard-refused", id, MailboxAdminPages.fieldErrors(refused)
                    .values().stream().findFirst().orElse(refused.getBody().getDetail())));
        }
        return back(mailbox);
    }

    /** Back to the list the admin was on: all quarantined mail, or one mailbox's. */
    private static String back(Long mailbox) {
        return "redirect:/admin/email/quarantine" + (mailbox == null ? "" : "?mailbox=" + mailbox);
    }

    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
