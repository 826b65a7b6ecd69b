package dev.switchboard.channel.email.inbound;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.Created;
import dev.switchboard.web.IdempotentCreations;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins set up the mailboxes Switchboard reads. The password goes in and never comes out. */
@RestController
@RequestMapping("/api/v1/mailboxes")
class MailboxApi {

    private static final String HOST = "^[A-Za-z0-9._:\\[\\]-]+$";

    record NewMailbox(@NotBlank @Email @Size(max = 320) String address,
                      @NotBlank @Size(max = 255) @Pattern(regexp = HOST, message = "is not a host name") String imapHost,
                      Integer imapPort, String security, @NotBlank @Size(max = 320) String username,
                      @NotBlank @Size(max = 500) String password, @Size(max = 255) String folder,
                      Integer pollIntervalSeconds, Long groupId) {
    }

    /** A PATCH body: fields left out stay as they are; {@code "group_id": null} removes the default group. */
    static final class MailboxPatch {
        @Email
        @Size(min = 3, max = 320)
        public String address;
        @Size(min = 1, max = 255)
        @Pattern(regexp = HOST, message = "is not a host name")
        public String imapHost;
        public Integer imapPort;
        public String security;
        @Size(min = 1, max = 320)
        public String username;
        @Size(min = 1, max = 500)
        public String password;
        @Size(max = 255)
        public String folder;
        public Integer pollIntervalSeconds;
        public Boolean active;
        private Optional<Long> groupId;

        public void setGroupId(Long value) {
            groupId = Optional.ofNullable(value);
        }
    }

    /** A mailbox as admins see it: everything but the password, with how its last poll went. */
    record MailboxView(long id, String address, String imapHost, int imapPort, String security, String username,
                       String folder, int pollIntervalSeconds, Long groupId, boolean active, Instant lastPolledAt,
                       String lastError, Instant lastErrorAt, Instant createdAt, Instant updatedAt) {

        static MailboxView of(Mailbox m) {
            return new MailboxView(m.id(), m.address(), m.imapHost(), m.imapPort(), m.security().code(), m.username(),
                    m.folder(), m.pollIntervalSeconds(), m.groupId(), m.active(), m.lastPolledAt(), m.lastError(),
                    m.lastErrorAt(), m.createdAt(), m.updatedAt());
        }
    }

    /** How a connection test went: {@code problem} names what failed, {@code detail} says it in words. */
    record ConnectionTest(boolean ok, String problem, String detail, Integer messages, Integer unread) {
    }

    private final Mailboxes mailboxes;
    private final MailboxRecords records;
    private final IdempotentCreations idempotent;
    private final ConnectionCheck connections;
    private final MailboxPasswords passwords;

    MailboxApi(Mailboxes mailboxes, MailboxRecords records, IdempotentCreations idempotent, ConnectionCheck connections,
               MailboxPasswords passwords) {
        this.mailboxes = mailboxes;
        this.records = records;
        this.idempotent = idempotent;
        this.connections = connections;
        this.passwords = passwords;
    }

    @PostMapping
    ResponseEntity<MailboxView> create(Actor actor, @Valid @RequestBody NewMailbox body,
                                       @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        Mailboxes.requireAdmin(actor);
        Mailboxes.Settings settings = new Mailboxes.Settings(body.address(), body.imapHost(), body.imapPort(),
                body.security(), body.username(), body.password(), body.folder(), body.pollIntervalSeconds(),
                Optional.ofNullable(body.groupId()), null);
        Created<MailboxView> created = idempotent.create(actor.userId(), key, "mailbox.create",
                fingerprint(body), () -> mailboxes.create(actor, settings), this::view);
        return ResponseEntity.created(URI.create("/api/v1/mailboxes/" + created.resource().id())).body(created.resource());
    }

    @GetMapping
    Page<MailboxView> list(Actor actor, @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        Mailboxes.requireAdmin(actor);
        PageQuery page = PageQuery.of(limit, cursor);
        return Page.of(records.page(page.after(), page.fetchSize()).stream().map(MailboxView::of).toList(), page,
                MailboxView::id);
    }

    @GetMapping("/{id}")
    MailboxView get(Actor actor, @PathVariable long id) {
        Mailboxes.requireAdmin(actor);
        return view(id);
    }

    @PatchMapping("/{id}")
    MailboxView change(Actor actor, @PathVariable long id, @Valid @RequestBody MailboxPatch body) {
        Mailboxes.requireAdmin(actor);
        mailboxes.change(actor, id, new Mailboxes.Settings(body.address, body.imapHost, body.imapPort, body.security,
                body.username, body.password, body.folder, body.pollIntervalSeconds, body.groupId, body.active));
        return view(id);
    }

    /**
     * Deletes: the mailbox is no longer polled or listed, and its address is free for a new one; the mail
     * that came in on it is kept. To stop polling for a while, PATCH {@code "active": false} instead.
     */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable long id) {
        Mailboxes.requireAdmin(actor);
        mailboxes.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    /** Signs in and opens the folder with the stored settings, as a poll would; reads and flags nothing. */
    @PostMapping("/{id}/test")
    ConnectionTest test(Actor actor, @PathVariable long id) {
        Mailboxes.requireAdmin(actor);
        Mailbox mailbox = records.byId(id).orElseThrow(() -> Problems.notFound("Mailbox " + id));
        ConnectionCheck.Outcome outcome;
        try {
            outcome = connections.check(mailbox, passwords.decrypt(mailbox.passwordEncrypted()));
        } catch (IllegalStateException unreadable) {
            outcome = ConnectionCheck.classify(unreadable, mailbox);
        }
        return new ConnectionTest(outcome.ok(), outcome.ok() ? null : outcome.problem().code(), outcome.detail(),
                outcome.messages(), outcome.unread());
    }

    /** The request without its password: the idempotency record keeps a digest, and a password has no place in it. */
    private static String fingerprint(NewMailbox body) {
        return IdempotentCreations.fingerprint(new NewMailbox(body.address(), body.imapHost(), body.imapPort(),
                body.security(), body.username(), null, body.folder(), body.pollIntervalSeconds(), body.groupId()));
    }

    private MailboxView view(long id) {
        return records.byId(id).map(MailboxView::of).orElseThrow(() -> Problems.notFound("Mailbox " + id));
    }
}
