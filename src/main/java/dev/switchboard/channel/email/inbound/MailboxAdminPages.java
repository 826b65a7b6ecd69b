package dev.switchboard.channel.email.inbound;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.GroupSummary;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The mailboxes admin page: the list with each mailbox's state and how its last poll went, a form to add
 * or change one (the password is write-only: never shown, and left blank it stays), pause and resume,
 * delete after a confirmation, and "Test connection" on the settings as typed. Changes go through
 * {@link Mailboxes}, the same rules and audit trail as the API; a refused form comes back with what was
 * typed (but the password) and the reason beside each field.
 */
@Controller
@RequestMapping("/admin/mailboxes")
class MailboxAdminPages {

    /** The form as typed, in the API's field names, so a refusal's field errors land beside their fields. */
    record MailboxForm(Long id, String address, String imapHost, String imapPort, String security, String username,
                       String folder, String pollIntervalSeconds, String groupId) {

        static MailboxForm blank() {
            return new MailboxForm(null, "", "", "", "ssl", "", "INBOX", "60", ""); // no port: the security's own
        }

        static MailboxForm of(Mailbox m) {
            return new MailboxForm(m.id(), m.address(), m.imapHost(), String.valueOf(m.imapPort()), m.security().code(),
                    m.username(), m.folder(), String.valueOf(m.pollIntervalSeconds()),
                    m.groupId() == null ? "" : String.valueOf(m.groupId()));
        }

        static MailboxForm of(Long id, Map<String, String> params) {
            return new MailboxForm(id, text(params, "address"), text(params, "imap_host"), text(params, "imap_port"),
                    text(params, "security"), text(params, "username"), text(params, "folder"),
                    text(params, "poll_interval_seconds"), text(params, "group_id"));
        }

        private static String text(Map<String, String> params, String name) {
            String value = params.get(name);
            return value == null ? "" : value.strip();
        }
    }

    /** A row of the list: the mailbox, its group's name, and how much of its mail was taken or quarantined. */
    record MailboxRow(Mailbox mailbox, String groupName, long taken, long quarantined) {
    }

    private static final int PAGE = 100;

    private final Mailboxes mailboxes;
    private final MailboxRecords records;
    private final MailboxPasswords passwords;
    private final ConnectionCheck connections;
    private final UserDirectory directory;
    private final MessageSource messages;

    MailboxAdminPages(Mailboxes mailboxes, MailboxRecords records, MailboxPasswords passwords,
                      ConnectionCheck connections, UserDirectory directory, MessageSource messages) {
        this.mailboxes = mailboxes;
        this.records = records;
        this.passwords = passwords;
        this.connections = connections;
        this.directory = directory;
        this.messages = messages;
    }

    @ModelAttribute
    void adminsOnly(Actor actor, Model model) {
        Mailboxes.requireAdmin(actor);
        model.addAttribute("actor", actor);
    }

    @GetMapping
    String list(@RequestParam(required = false) Long after, Model model) {
        List<Mailbox> page = records.page(after, PAGE + 1);
        Map<Long, String> groups = groupNames();
        Map<Long, Map<InboundStatus, Long>> counts = records.mailCounts();
        model.addAttribute("rows", page.stream().limit(PAGE).map(m -> {
            Map<InboundStatus, Long> c = counts.getOrDefault(m.id(), Map.of());
            return new MailboxRow(m, m.groupId() == null ? null : groups.get(m.groupId()),
                    c.getOrDefault(InboundStatus.PROCESSED, 0L), c.getOrDefault(InboundStatus.QUARANTINED, 0L));
        }).toList());
        model.addAttribute("nextAfter", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        return "email/mailboxes";
    }

    @GetMapping("/new")
    String newMailbox(Model model) {
        return form(model, MailboxForm.blank(), Map.of(), null, null);
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        return form(model, MailboxForm.of(mailbox(id)), Map.of(), null, null);
    }

    @PostMapping
    String create(Actor actor, @RequestParam Map<String, String> params, Model model, RedirectAttributes flash) {
        MailboxForm form = MailboxForm.of(null, params);
        try {
            long id = mailboxes.create(actor, settings(form, params.get("password")));
            flash.addFlashAttribute("notice", say("mailboxes.notice.created", form.address()));
            flash.addFlashAttribute("highlight", id);
            return "redirect:/admin/mailboxes";
        } catch (ErrorResponseException refused) {
            return form(model, form, fieldErrors(refused), generalError(refused), null);
        }
    }

    @PostMapping("/{id}")
    String change(Actor actor, @PathVariable long id, @RequestParam Map<String, String> params, Model model,
                  RedirectAttributes flash) {
        mailbox(id);
        MailboxForm form = MailboxForm.of(id, params);
        try {
            mailboxes.change(actor, id, settings(form, params.get("password")));
            flash.addFlashAttribute("notice", say("mailboxes.notice.saved", form.address()));
            flash.addFlashAttribute("highlight", id);
            return "redirect:/admin/mailboxes";
        } catch (ErrorResponseException refused) {
            return form(model, form, fieldErrors(refused), generalError(refused), null);
        }
    }

    @PostMapping("/{id}/pause")
    String pause(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        Mailbox mailbox = mailbox(id);
        mailboxes.setActive(actor, id, false);
        flash.addFlashAttribute("notice", say("mailboxes.notice.paused", mailbox.address()));
        return "redirect:/admin/mailboxes";
    }

    @PostMapping("/{id}/resume")
    String resume(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        Mailbox mailbox = mailbox(id);
        mailboxes.setActive(actor, id, true);
        flash.addFlashAttribute("notice", say("mailboxes.notice.resumed", mailbox.address()));
        return "redirect:/admin/mailboxes";
    }

    /** The confirmation: what deleting does and does not do, and the button that does it. */
    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        Mailbox mailbox = mailbox(id);
        model.addAttribute("mailbox", mailbox);
        model.addAttribute("taken", records.mailCounts().getOrDefault(id, Map.of()).values().stream()
                .mapToLong(Long::longValue).sum());
        return "email/mailbox-delete";
    }

    @PostMapping("/{id}/delete")
    String delete(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        Mailbox mailbox = mailbox(id);
        mailboxes.delete(actor, id);
        flash.addFlashAttribute("notice", say("mailboxes.notice.deleted", mailbox.address()));
        return "redirect:/admin/mailboxes";
    }

    /** Test connection for a mailbox being added: the settings as typed, the password as typed. */
    @PostMapping("/test")
    String testNew(@RequestParam Map<String, String> params, Model model,
                   @RequestHeader(value = "HX-Request", required = false) String htmx) {
        return test(MailboxForm.of(null, params), params.get("password"), Optional.empty(), model, htmx != null);
    }

    /** Test connection for a saved mailbox: the settings as typed; a blank password means the stored one. */
    @PostMapping("/{id}/test")
    String testSaved(@PathVariable long id, @RequestParam Map<String, String> params, Model model,
                     @RequestHeader(value = "HX-Request", required = false) String htmx) {
        return test(MailboxForm.of(id, params), params.get("password"), Optional.of(mailbox(id)), model, htmx != null);
    }

    private String test(MailboxForm form, String typedPassword, Optional<Mailbox> saved, Model model, boolean fragment) {
        Map<String, String> errors = new LinkedHashMap<>();
        ConnectionCheck.Outcome outcome = null;
        Mailbox candidate = candidate(form, errors);
        String password = typedPassword == null || typedPassword.isEmpty() ? null : typedPassword;
        if (password == null && saved.isEmpty()) {
            errors.put("password", say("mailboxes.test.password-needed"));
        }
        if (errors.isEmpty()) {
            try {
                outcome = connections.check(candidate, password != null ? password
                        : passwords.decrypt(saved.get().passwordEncrypted()));
            } catch (IllegalStateException unreadable) {
                outcome = ConnectionCheck.classify(unreadable, candidate);
            }
        }
        model.addAttribute("outcome", outcome);
        model.addAttribute("testErrors", errors);
        if (fragment) {
            return "email/mailbox :: test-result";
        }
        return form(model, form, errors, null, outcome);
    }

    /** The settings as typed, as a mailbox the check can open; problems go to {@code errors}. */
    private Mailbox candidate(MailboxForm form, Map<String, String> errors) {
        MailboxSecurity security = MailboxSecurity.SSL;
        try {
            security = MailboxSecurity.parse("security", form.security());
        } catch (InvalidRequest e) {
            errors.put("security", say("mailboxes.error.security"));
        }
        Integer port = number(form.imapPort(), "imap_port", errors);
        if (port == null && form.imapPort().isEmpty()) {
            errors.remove("imap_port");
            port = security.defaultPort();
        }
        if (port != null && (port < 1 || port > 65_535)) {
            errors.put("imap_port", say("mailboxes.error.port"));
        }
        if (form.imapHost().isEmpty() || !Mailboxes.HOST.matcher(form.imapHost()).matches()) {
            errors.put("imap_host", say("mailboxes.error.host"));
        }
        if (form.username().isEmpty()) {
            errors.put("username", say("mailboxes.error.username"));
        }
        String folder = form.folder().isEmpty() ? "INBOX" : form.folder();
        return new Mailbox(form.id() == null ? 0 : form.id(), form.address(), form.imapHost(), port == null ? 0 : port,
                security, form.username(), null, folder, 60, null, true, null, null, null, null, null);
    }

    /**
     * What the form asks {@link Mailboxes} to save. Blank numbers take their defaults on a new mailbox and
     * stay as they are on a change; a blank password stays as it is (it is never shown, so it comes back blank).
     */
    private Mailboxes.Settings settings(MailboxForm form, String password) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer port = number(form.imapPort(), "imap_port", errors);
        Integer interval = number(form.pollIntervalSeconds(), "poll_interval_seconds", errors);
        Long group = null;
        if (!form.groupId().isEmpty()) {
            try {
                group = Long.parseLong(form.groupId());
            } catch (NumberFormatException e) {
                errors.put("group_id", "is not a group");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors.entrySet().stream()
                    .map(e -> new InvalidRequest.FieldProblem(e.getKey(), e.getValue())).toList());
        }
        String security = form.security().isEmpty() ? null : form.security();
        return new Mailboxes.Settings(form.address(), form.imapHost(), port, security, form.username(),
                password == null || password.isEmpty() ? null : password,
                form.folder(), interval,
                Optional.ofNullable(group), null);
    }

    private Integer number(String text, String field, Map<String, String> errors) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            errors.put(field, say("mailboxes.error.number"));
            return null;
        }
    }

    private String form(Model model, MailboxForm form, Map<String, String> errors, String error,
                        ConnectionCheck.Outcome outcome) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("error", error);
        model.addAttribute("outcome", outcome);
        model.addAttribute("groups", directory.groups());
        model.addAttribute("securities", List.of("ssl", "starttls", "none"));
        model.addAttribute("minInterval", Mailboxes.MIN_INTERVAL);
        model.addAttribute("maxInterval", Mailboxes.MAX_INTERVAL);
        if (form.id() != null) {
            records.byId(form.id()).ifPresent(saved -> model.addAttribute("saved", saved));
        }
        return "email/mailbox";
    }

    /** Each field's reason, from a 422's {@code errors}. */
    @SuppressWarnings("unchecked")
    static Map<String, String> fieldErrors(ErrorResponseException refused) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> properties = refused.getBody().getProperties();
        if (properties != null && properties.get("errors") instanceof List<?> list) {
            for (Object each : list) {
                if (each instanceof Map<?, ?> problem) {
                    errors.merge(String.valueOf(problem.get("field")), String.valueOf(problem.get("message")),
                            (a, b) -> a + "; " + b);
                }
            }
        }
        return errors;
    }

    /** A refusal that names no field (a taken address, 409) is said above the form. */
    private static String generalError(ErrorResponseException refused) {
        return fieldErrors(refused).isEmpty() ? refused.getBody().getDetail() : null;
    }

    private Mailbox mailbox(long id) {
        return records.byId(id).orElseThrow(() -> Problems.notFound("Mailbox " + id));
    }

    private Map<Long, String> groupNames() {
        return directory.groups().stream().collect(Collectors.toMap(GroupSummary::id, GroupSummary::name, (a, b) -> a));
    }

    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
