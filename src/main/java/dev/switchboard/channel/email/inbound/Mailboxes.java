package dev.switchboard.channel.email.inbound;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Setting mailboxes up: what an admin may configure, checked, with the password encrypted before it is
 * stored and every change on the audit trail (never the password itself, only that it changed).
 */
@Service
class Mailboxes {

    static final int MIN_INTERVAL = 10;
    static final int MAX_INTERVAL = 86_400;
    static final int MAX_PASSWORD = 500;
    /** What the API and the pages take as an IMAP host: a name, an IPv4 address or a bracketed IPv6 one. */
    static final Pattern HOST = Pattern.compile("^[A-Za-z0-9._:\\[\\]-]{1,255}$");

    /** What an admin sends; null fields take their defaults on create and stay as they are on change. */
    record Settings(String address, String imapHost, Integer imapPort, String security, String username,
                    String password, String folder, Integer pollIntervalSeconds, Optional<Long> groupId,
                    Boolean active) {
    }

    private final MailboxRecords records;
    private final MailboxSenderAddresses senderAddresses;
    private final MailboxPasswords passwords;
    private final UserDirectory directory;
    private final AuditTrail audit;
    private final Clock clock;

    Mailboxes(MailboxRecords records, MailboxSenderAddresses senderAddresses, MailboxPasswords passwords,
              UserDirectory directory, AuditTrail audit, Clock clock) {
        this.records = records;
        this.senderAddresses = senderAddresses;
        this.passwords = passwords;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    long create(Actor actor, Settings s) {
        requireAdmin(actor);
        MailboxSecurity security = s.security() == null ? MailboxSecurity.SSL : MailboxSecurity.parse("security", s.security());
        Long groupId = s.groupId() == null ? null : s.groupId().orElse(null);
        List<InvalidRequest.FieldProblem> problems = new ArrayList<>();
        boolean noPassword = s.password() == null || s.password().isEmpty();
        if (noPassword) {
            problems.add(new InvalidRequest.FieldProblem("password", "is required for a new mailbox"));
        } else if (s.password().length() > MAX_PASSWORD) {
            problems.add(new InvalidRequest.FieldProblem("password", "must have at most " + MAX_PASSWORD + " characters"));
            noPassword = true; // not worth encrypting: refused below
        }
        Mailbox mailbox = new Mailbox(0, stripped(s.address()), stripped(s.imapHost()),
                s.imapPort() == null ? security.defaultPort() : s.imapPort(), security, stripped(s.username()),
                noPassword ? "" : passwords.encrypt(s.password()), folder(s.folder()),
                s.pollIntervalSeconds() == null ? 60 : s.pollIntervalSeconds(), groupId, true, null, null, null, null, null);
        check(mailbox, 0, problems);
        Instant now = clock.instant();
        long id;
        try {
            id = records.insert(mailbox, now);
        } catch (DuplicateKeyException raced) {
            throw Problems.conflict("Another mailbox already reads " + mailbox.address() + ".");
        }
        audit.record(AuditEntry.action("mailbox", id, "created", actor.userId(), actor.systemJob(), now)
                .withReason(mailbox.address()));
        senderAddresses.forget();
        return id;
    }

    @Transactional
    void change(Actor actor, long id, Settings s) {
        requireAdmin(actor);
        Mailbox old = records.byId(id).orElseThrow(() -> Problems.notFound("Mailbox " + id));
        if (s.password() != null && s.password().length() > MAX_PASSWORD) {
            throw InvalidRequest.field("password", "must have at most " + MAX_PASSWORD + " characters");
        }
        MailboxSecurity security = s.security() == null ? old.security() : MailboxSecurity.parse("security", s.security());
        Mailbox changed = new Mailbox(id, s.address() == null ? old.address() : s.address().strip(),
                s.imapHost() == null ? old.imapHost() : s.imapHost().strip(),
                s.imapPort() == null ? old.imapPort() : s.imapPort(), security,
                s.username() == null ? old.username() : s.username().strip(),
                s.password() == null ? old.passwordEncrypted() : passwords.encrypt(s.password()),
                s.folder() == null ? old.folder() : folder(s.folder()),
                s.pollIntervalSeconds() == null ? old.pollIntervalSeconds() : s.pollIntervalSeconds(),
                s.groupId() == null ? old.groupId() : s.groupId().orElse(null),
                s.active() == null ? old.active() : s.active(), old.lastPolledAt(), old.lastError(), old.lastErrorAt(),
                old.createdAt(), old.updatedAt());
        check(changed, id, new ArrayList<>());
        Instant now = clock.instant();
        records.update(changed, now);
        List<AuditEntry> entries = new ArrayList<>();
        changes(entries, id, "address", old.address(), changed.address(), actor, now);
        changes(entries, id, "imap_host", old.imapHost(), changed.imapHost(), actor, now);
        changes(entries, id, "imap_port", old.imapPort(), changed.imapPort(), actor, now);
        changes(entries, id, "security", old.security().code(), changed.security().code(), actor, now);
        changes(entries, id, "username", old.username(), changed.username(), actor, now);
        changes(entries, id, "folder", old.folder(), changed.folder(), actor, now);
        changes(entries, id, "poll_interval_seconds", old.pollIntervalSeconds(), changed.pollIntervalSeconds(), actor, now);
        changes(entries, id, "group_id", old.groupId(), changed.groupId(), actor, now);
        changes(entries, id, "active", old.active(), changed.active(), actor, now);
        if (s.password() != null) {
            entries.add(AuditEntry.action("mailbox", id, "password_changed", actor.userId(), actor.systemJob(), now));
        }
        audit.record(entries);
        senderAddresses.forget();
    }

    /** Pauses (false) or resumes (true) polling; the settings stay as they are. */
    @Transactional
    void setActive(Actor actor, long id, boolean active) {
        change(actor, id, new Settings(null, null, null, null, null, null, null, null, null, active));
    }

    /**
     * Deletes a mailbox: it is no longer polled and no longer listed, and its address can be given to a new
     * one. The mail that came in on it stays, with its tickets and its quarantine.
     */
    @Transactional
    void delete(Actor actor, long id) {
        requireAdmin(actor);
        Mailbox mailbox = records.byId(id).orElseThrow(() -> Problems.notFound("Mailbox " + id));
        Instant now = clock.instant();
        if (!records.delete(id, now)) {
            throw Problems.notFound("Mailbox " + id);
        }
        audit.record(AuditEntry.action("mailbox", id, "deleted", actor.userId(), actor.systemJob(), now)
                .withReason(mailbox.address()));
        senderAddresses.forget();
    }

    private void check(Mailbox m, long id, List<InvalidRequest.FieldProblem> problems) {
        if (!looksLikeAddress(m.address())) {
            problems.add(new InvalidRequest.FieldProblem("address", "is not an email address"));
        }
        if (m.imapHost().isEmpty() || !HOST.matcher(m.imapHost()).matches()) {
            problems.add(new InvalidRequest.FieldProblem("imap_host", "is not a host name"));
        }
        if (m.username().isEmpty() || m.username().length() > 320) {
            problems.add(new InvalidRequest.FieldProblem("username", "must have 1 to 320 characters"));
        }
        if (m.folder().length() > 255) {
            problems.add(new InvalidRequest.FieldProblem("folder", "must have at most 255 characters"));
        }
        if (m.imapPort() < 1 || m.imapPort() > 65_535) {
            problems.add(new InvalidRequest.FieldProblem("imap_port", "must be between 1 and 65535"));
        }
        if (m.pollIntervalSeconds() < MIN_INTERVAL || m.pollIntervalSeconds() > MAX_INTERVAL) {
            problems.add(new InvalidRequest.FieldProblem("poll_interval_seconds",
                    "must be between " + MIN_INTERVAL + " and " + MAX_INTERVAL));
        }
        if (m.groupId() != null && !directory.groupExists(m.groupId())) {
            problems.add(new InvalidRequest.FieldProblem("group_id", "no group " + m.groupId()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        if (records.addressTaken(m.address(), id)) {
            throw Problems.conflict("Another mailbox already reads " + m.address() + ".");
        }
    }

    /** One address, {@code local@domain}, as the API's {@code @Email} check takes it. */
    private static boolean looksLikeAddress(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            return parsed.getAddress().equals(address) && address.indexOf('@') > 0
                    && address.length() <= 320;
        } catch (AddressException e) {
            return false;
        }
    }

    private static String stripped(String value) {
        return value == null ? "" : value.strip();
    }

    private static String folder(String folder) {
        return folder == null || folder.isBlank() ? "INBOX" : folder.strip();
    }

    private static void changes(List<AuditEntry> entries, long id, String field, Object old, Object now, Actor actor,
                                Instant at) {
        if (!Objects.equals(old, now)) {
            entries.add(AuditEntry.change("mailbox", id, field, old, now, actor.userId(), actor.systemJob(), at));
        }
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage mailboxes and inbound mail.");
        }
    }
}
