package dev.switchboard.identity.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.AgentWorkSettings;
import dev.switchboard.identity.GroupSection;
import dev.switchboard.identity.Provisioning;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.identity.StaffAccessEnded;
import org.springframework.context.ApplicationEventPublisher;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and changing users, organizations, groups and tokens; every change goes into the audit trail. */
@Service
class Accounts implements Provisioning, AgentWorkSettings {

    static final int MIN_PASSWORD = 8;
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRecords users;
    private final OrganizationRecords organizations;
    private final GroupRecords groups;
    private final ApiTokenRecords tokens;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TokenSignIns signIns;
    private final List<GroupSection> groupSections;
    private final Clock clock;

    Accounts(UserRecords users, OrganizationRecords organizations, GroupRecords groups, ApiTokenRecords tokens,
             PasswordEncoder encoder, AuditTrail audit, ApplicationEventPublisher events, TokenSignIns signIns,
             List<GroupSection> groupSections, Clock clock) {
        this.groupSections = groupSections;
        this.events = events;
        this.users = users;
        this.organizations = organizations;
        this.groups = groups;
        this.tokens = tokens;
        this.encoder = encoder;
        this.audit = audit;
        this.signIns = signIns;
        this.clock = clock;
    }

    // ---- users

    @Override
    @Transactional
    public long createUser(Actor actor, String name, String email, Role role, Long organizationId, String password) {
        requireOrganization(organizationId);
        checkPassword(password);
        Instant now = clock.instant();
        long id = users.insert(name.trim(), email, role, organizationId, password == null ? null : encoder.encode(password), now)
                .orElseThrow(() -> Problems.conflict("A user with the email " + email.trim() + " already exists."));
        audit.record(AuditEntry.action("user", id, "created", actor.userId(), actor.systemJob(), now)
                .withReason("role " + role.code()));
        return id;
    }

    record UserChange(String name, Role role, boolean organizationGiven, Long organizationId, Boolean active,
                      String password) {
    }

    @Transactional
    void changeUser(Actor actor, long id, UserChange change) {
        UserRow user = users.byId(id).orElseThrow(() -> Problems.notFound("User " + id));
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        String name = change.name() == null ? user.name() : change.name().trim();
        Role role = change.role() == null ? user.role() : change.role();
        Long organizationId = change.organizationGiven() ? change.organizationId() : user.organizationId();
        boolean active = change.active() == null ? user.active() : change.active();
        if (Objects.equals(actor.userId(), id) && (role != Role.ADMIN || !active) && user.role() == Role.ADMIN) {
            throw Problems.conflict("You cannot remove your own admin role or deactivate yourself.");
        }
        requireOrganization(organizationId);
        String hash = user.passwordHash();
        if (change.password() != null) {
            checkPassword(change.password());
            hash = encoder.encode(change.password());
            entries.add(AuditEntry.action("user", id, "password_changed", actor.userId(), actor.systemJob(), now));
        }
        note(entries, id, "name", user.name(), name, actor, now);
        note(entries, id, "role", user.role().code(), role.code(), actor, now);
        note(entries, id, "organization_id", user.organizationId(), organizationId, actor, now);
        note(entries, id, "active", user.active(), active, actor, now);
        users.update(new UserRow(id, name, user.email(), role, organizationId, false, hash, active, user.locale(),
                user.emailNotifications(), user.createdAt(), now, user.availability(), user.capacity()), now);
        if (!active && user.active()) {
            tokens.revokeAllOf(id, now);
        }
        if (role == Role.CUSTOMER && user.role().isStaff()) {
            for (long group : groups.ofMember(id)) {
                entries.add(AuditEntry.change("group", group, "member_removed", id, null, actor.userId(), actor.systemJob(), now));
            }
            groups.removeMember(id);
        }
        audit.record(entries);
        if (user.role().isStaff() && user.active() && (!active || role == Role.CUSTOMER)) {
            events.publishEvent(new StaffAccessEnded(id, actor, now));
        }
        signIns.forgetAll(); // a signed-in token carries its owner's role, organization and active flag
    }

    static final java.util.Set<String> LOCALES = java.util.Set.of("en", "ru");

    /** What a user may change about themselves: name, password, language, email notifications. */
    @Transactional
    void changeOwnPreferences(Actor actor, String name, String password, String locale, Boolean emailNotifications) {
        UserRow user = users.byId(actor.userId()).orElseThrow(() -> Problems.notFound("User " + actor.userId()));
        if (locale != null && !LOCALES.contains(locale)) {
            throw InvalidRequest.field("locale", "unknown locale '" + locale + "'; allowed: en, ru");
        }
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        String hash = user.passwordHash();
        if (password != null) {
            checkPassword(password);
            hash = encoder.encode(password);
            entries.add(AuditEntry.action("user", user.id(), "password_changed", actor.userId(), null, now));
        }
        String newName = name == null ? user.name() : name.trim();
        String newLocale = locale == null ? user.locale() : locale;
        boolean notify = emailNotifications == null ? user.emailNotifications() : emailNotifications;
        note(entries, user.id(), "name", user.name(), newName, actor, now);
        note(entries, user.id(), "locale", user.locale(), newLocale, actor, now);
        note(entries, user.id(), "email_notifications", user.emailNotifications(), notify, actor, now);
        users.update(new UserRow(user.id(), newName, user.email(), user.role(), user.organizationId(), false, hash,
                user.active(), newLocale, notify, user.createdAt(), now, user.availability(), user.capacity()), now);
        audit.record(entries);
        signIns.forgetAll(); // a signed-in token carries its owner's name
    }

    /**
     * What a person changes on their own settings page, in one transaction: name, language, email notifications
     * and, for agents and admins, availability (null leaves it as it is).
     */
    @Transactional
    void changeOwnSettings(Actor actor, String name, String locale, Boolean emailNotifications, String availability) {
        if (availability != null && !actor.isStaff()) {
            throw Problems.forbidden("Availability is for agents: customers are not assigned tickets.");
        }
        changeOwnPreferences(actor, name, null, locale, emailNotifications);
        if (availability != null) {
            changeWorkSettings(actor, actor.userId(), availability, null);
        }
    }

    /**
     * Whether an agent takes new work now ({@code available}, {@code away}, {@code offline}) and how many
     * unfinished tickets they can carry; null leaves a setting as it is. Routing reads these when it assigns.
     */
    @Transactional
    void changeWorkSettings(Actor actor, long id, String availability, Integer capacity) {
        if (!actor.isAdmin() && (capacity != null || !Objects.equals(actor.userId(), id))) {
            throw Problems.forbidden("Only admins change other people's availability and anyone's capacity.");
        }
        UserRow user = users.byId(id).orElseThrow(() -> Problems.notFound("User " + id));
        if (availability != null && !UserSummary.AVAILABILITIES.contains(availability)) {
            throw InvalidRequest.field("availability", "unknown availability '" + availability + "'; allowed: "
                    + String.join(", ", UserSummary.AVAILABILITIES));
        }
        if (capacity != null && (capacity < 0 || capacity > 10_000)) {
            throw InvalidRequest.field("capacity", "must be between 0 and 10000");
        }
        String newAvailability = availability == null ? user.availability() : availability;
        int newCapacity = capacity == null ? user.capacity() : capacity;
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        note(entries, id, "availability", user.availability(), newAvailability, actor, now);
        note(entries, id, "capacity", user.capacity(), newCapacity, actor, now);
        if (!entries.isEmpty()) {
            users.updateWorkSettings(id, newAvailability, newCapacity, now);
            audit.record(entries);
        }
    }

    @Override
    @Transactional
    public void change(Actor actor, long agentId, String availability, Integer capacity) {
        changeWorkSettings(actor, agentId, availability, capacity);
    }

    // ---- organizations

    @Override
    @Transactional
    public long createOrganization(Actor actor, String name, List<String> domains, boolean shared) {
        List<String> clean = domains(domains);
        if (organizations.nameTaken(name.trim(), -1)) {
            throw Problems.conflict("An organization named " + name.trim() + " already exists.");
        }
        refuseHeldDomains(clean, -1);
        Instant now = clock.instant();
        long id = organizations.insert(name.trim(), shared, now);
        organizations.replaceDomains(id, clean);
        audit.record(List.of(AuditEntry.action("organization", id, "created", actor.userId(), actor.systemJob(), now),
                AuditEntry.change("organization", id, "domains", null, String.join(",", clean), actor.userId(), actor.systemJob(), now)));
        return id;
    }

    @Transactional
    void changeOrganization(Actor actor, long id, String name, List<String> domains, Boolean shared) {
        OrganizationRecords.Organization org = organizations.byId(id).orElseThrow(() -> Problems.notFound("Organization " + id));
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        String newName = name == null ? org.name() : name.trim();
        if (organizations.nameTaken(newName, id)) {
            throw Problems.conflict("An organization named " + newName + " already exists.");
        }
        boolean newShared = shared == null ? org.sharedTickets() : shared;
        organizations.update(id, newName, newShared);
        users.forgetRead(); // a user read in this transaction carries the organization's sharing
        note(entries, "organization", id, "name", org.name(), newName, actor, now);
        note(entries, "organization", id, "shared_tickets", org.sharedTickets(), newShared, actor, now);
        if (domains != null) {
            List<String> clean = domains(domains);
            refuseHeldDomains(clean, id);
            organizations.replaceDomains(id, clean);
            note(entries, "organization", id, "domains", String.join(",", org.domains()), String.join(",", clean), actor, now);
        }
        audit.record(entries);
        signIns.forgetAll(); // a signed-in member carries whether their organization shares tickets
    }

    // ---- groups

    @Override
    @Transactional
    public long createGroup(Actor actor, String name, List<Long> memberIds) {
        return createGroup(actor, name, memberIds, Map.of());
    }

    /** A new group, with the values other modules keep about it ({@link GroupSection}), in one transaction. */
    @Transactional
    long createGroup(Actor actor, String name, List<Long> memberIds, Map<String, Object> sections) {
        if (groups.nameTaken(name.trim(), -1)) {
            throw Problems.conflict("A group named " + name.trim() + " already exists.");
        }
        Set<Long> members = staffMembers(memberIds);
        Instant now = clock.instant();
        long id = groups.insert(name.trim(), now);
        groups.replaceMembers(id, members);
        audit.record(List.of(AuditEntry.action("group", id, "created", actor.userId(), actor.systemJob(), now),
                AuditEntry.change("group", id, "member_ids", null, members, actor.userId(), actor.systemJob(), now)));
        changeSections(actor, id, sections);
        return id;
    }

    @Transactional
    void changeGroup(Actor actor, long id, String name, List<Long> memberIds) {
        changeGroup(actor, id, name, memberIds, Map.of());
    }

    /** Name, members and the values other modules keep about the group: all of it or, on any refusal, none. */
    @Transactional
    void changeGroup(Actor actor, long id, String name, List<Long> memberIds, Map<String, Object> sections) {
        GroupRecords.Group group = groups.byId(id).orElseThrow(() -> Problems.notFound("Group " + id));
        Instant now = clock.instant();
        List<AuditEntry> entries = new ArrayList<>();
        if (name != null) {
            if (groups.nameTaken(name.trim(), id)) {
                throw Problems.conflict("A group named " + name.trim() + " already exists.");
            }
            groups.rename(id, name.trim());
            note(entries, "group", id, "name", group.name(), name.trim(), actor, now);
        }
        if (memberIds != null) {
            Set<Long> members = staffMembers(memberIds);
            groups.replaceMembers(id, members);
            note(entries, "group", id, "member_ids", group.memberIds(), List.copyOf(members), actor, now);
        }
        audit.record(entries);
        changeSections(actor, id, sections);
    }

    private void changeSections(Actor actor, long groupId, Map<String, Object> values) {
        values.forEach((name, value) -> groupSections.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> InvalidRequest.field(name, "unknown field"))
                .change(actor, groupId, value));
    }

    // ---- tokens

    record IssuedToken(long id, String secret, String prefix) {
    }

    @Transactional
    IssuedToken issueToken(Actor actor, String name) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "sb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String prefix = secret.substring(0, 10);
        Instant now = clock.instant();
        long id = tokens.insert(actor.userId(), name.trim(), ApiTokenRecords.digest(secret), prefix, now);
        audit.record(AuditEntry.action("api_token", id, "created", actor.userId(), null, now).withReason(prefix));
        return new IssuedToken(id, secret, prefix);
    }

    @Transactional
    void revokeToken(Actor actor, long id) {
        ApiTokenRecords.ApiToken token = tokens.byId(id)
                .filter(t -> t.userId() == actor.userId() || actor.isAdmin())
                .orElseThrow(() -> Problems.notFound("Token " + id));
        if (token.revokedAt() == null) {
            Instant now = clock.instant();
            tokens.revoke(id, now);
            audit.record(AuditEntry.action("api_token", id, "revoked", actor.userId(), null, now));
            signIns.forgetAll();
        }
    }

    // ---- rules shared by the above

    private void requireOrganization(Long organizationId) {
        if (organizationId != null && organizations.byId(organizationId).isEmpty()) {
            throw InvalidRequest.field("organization_id", "no organization " + organizationId);
        }
    }

    private static void checkPassword(String password) {
        if (password != null && password.length() < MIN_PASSWORD) {
            throw InvalidRequest.field("password", "must have at least " + MIN_PASSWORD + " characters");
        }
    }

    private Set<Long> staffMembers(List<Long> memberIds) {
        Set<Long> members = new LinkedHashSet<>(memberIds == null ? List.of() : memberIds);
        List<UserRow> found = users.byIds(members);
        for (Long id : members) {
            UserRow user = found.stream().filter(u -> u.id() == id).findFirst()
                    .orElseThrow(() -> InvalidRequest.field("member_ids", "no user " + id));
            if (!user.role().isStaff()) {
                throw InvalidRequest.field("member_ids", "user " + id + " is a customer; groups hold agents and admins");
            }
        }
        return members;
    }

    private static List<String> domains(List<String> domains) {
        List<String> clean = new ArrayList<>();
        for (String domain : domains == null ? List.<String>of() : domains) {
            String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(d).matches()) {
                throw InvalidRequest.field("domains", "'" + domain + "' is not a domain name like example.com");
            }
            if (!clean.contains(d)) {
                clean.add(d);
            }
        }
        return clean;
    }

    private void refuseHeldDomains(List<String> domains, long organizationId) {
        List<String> held = organizations.domainsHeldElsewhere(domains, organizationId);
        if (!held.isEmpty()) {
            throw Problems.conflict("These domains belong to another organization: " + String.join(", ", held));
        }
    }

    private static void note(List<AuditEntry> entries, long userId, String field, Object before, Object after,
                             Actor actor, Instant now) {
        note(entries, "user", userId, field, before, after, actor, now);
    }

    private static void note(List<AuditEntry> entries, String type, long id, String field, Object before, Object after,
                             Actor actor, Instant now) {
        if (!Objects.equals(before, after)) {
            entries.add(AuditEntry.change(type, id, field, before, after, actor.userId(), actor.systemJob(), now));
        }
    }
}
