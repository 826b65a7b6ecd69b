package dev.switchboard.identity.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.AccountLinkIssued;
import dev.switchboard.identity.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links that prove a person reads the mailbox they claim. Sign-up sets no password until its link is
 * used: intake creates a customer for everyone who writes in, and without this anyone could sign up with
 * someone else's address and read their tickets. Every answer is the same whether the address is known
 * or not, so the forms do not reveal who has an account.
 */
@Service
class AccountLinks {

    enum Purpose {
        VERIFY(Duration.ofHours(24)), SIGNIN(Duration.ofMinutes(30)), RESET(Duration.ofMinutes(30));

        final Duration valid;

        Purpose(Duration valid) {
            this.valid = valid;
        }

        String code() {
            return name().toLowerCase();
        }
    }

    /** A link that was valid and is now used up. */
    record Redeemed(UserRow user, Purpose purpose) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserRecords users;
    private final JdbcUserDirectory directory;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String baseUrl;

    AccountLinks(JdbcClient jdbc, UserRecords users, JdbcUserDirectory directory, PasswordEncoder encoder,
                 AuditTrail audit, ApplicationEventPublisher events, Clock clock,
                 @Value("${switchboard.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.users = users;
        this.directory = directory;
        this.encoder = encoder;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * Sign-up: a new customer (or one intake already knows, without a password) gets a link that sets the
     * chosen password when used. Someone who already has a password gets a sign-in link instead.
     */
    @Transactional
    void signUp(String name, String email, String password) {
        Optional<UserRow> known = users.byEmail(email);
        if (known.isPresent() && known.get().passwordHash() != null) {
            if (known.get().active()) {
                issue(known.get(), Purpose.SIGNIN, null);
            }
            return;
        }
        UserRow user = known.orElseGet(() -> users.byId(directory.requesterFor(email, name).userId()).orElseThrow());
        if (user.active() && user.role() == Role.CUSTOMER) {
            issue(user, Purpose.VERIFY, encoder.encode(password));
        }
    }

    /** A sign-in link or a password-reset link, for an active user with this address; nothing otherwise. */
    @Transactional
    void send(String email, Purpose purpose) {
        users.byEmail(email).filter(UserRow::active).ifPresent(user -> issue(user, purpose, null));
    }

    private void issue(UserRow user, Purpose purpose, String pendingPasswordHash) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into account_links (token_hash, user_id, purpose, pending_password_hash, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(ApiTokenRecords.digest(token), user.id(), purpose.code(), pendingPasswordHash, at(now),
                        at(now.plus(purpose.valid)))
                .update();
        String path = switch (purpose) {
            case VERIFY -> "/portal/verify";
            case SIGNIN -> "/portal/link";
            case RESET -> "/portal/reset";
        };
        events.publishEvent(new AccountLinkIssued(user.id(), user.email(), user.name(), user.locale(), purpose.code(),
                baseUrl + path + "?token=" + token));
    }

    /** Whether a token is one we gave out for this purpose and is still good, without using it up. */
    boolean isValid(String token, Purpose purpose) {
        return find(token, purpose).isPresent();
    }

    /**
     * Uses a link once. A sign-up link sets its pending password; a reset link sets {@code newPassword}.
     * Every other link of the same purpose for that user stops working too.
     */
    @Transactional
    Optional<Redeemed> redeem(String token, Purpose purpose, String newPassword) {
        Optional<Long[]> link = find(token, purpose);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        long linkId = link.get()[0];
        long userId = link.get()[1];
        Instant now = clock.instant();
        int used = jdbc.sql("update account_links set used_at = ? where id = ? and used_at is null").params(at(now), linkId).update();
        UserRow user = users.byId(userId).filter(UserRow::active).orElse(null);
        if (used != 1 || user == null) {
            return Optional.empty();
        }
        String hash = switch (purpose) {
            case VERIFY -> jdbc.sql("select pending_password_hash from account_links where id = ?").param(linkId)
                    .query(String.class).single();
            case RESET -> encoder.encode(newPassword);
            case SIGNIN -> user.passwordHash();
        };
        if (!java.util.Objects.equals(hash, user.passwordHash())) {
            users.update(new UserRow(user.id(), user.name(), user.email(), user.role(), user.organizationId(), false, hash,
                    user.active(), user.locale(), user.emailNotifications(), user.createdAt(), now, user.availability(),
                    user.capacity()), now);
        }
        jdbc.sql("update account_links set used_at = ? where user_id = ? and purpose = ? and used_at is null")
                .params(at(now), userId, purpose.code()).update();
        audit.record(AuditEntry.action("user", userId, "link_used", userId, null, now).withReason(purpose.code()));
        return users.byId(userId).map(u -> new Redeemed(u, purpose));
    }

    private Optional<Long[]> find(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select id, user_id from account_links
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > ?""")
                .params(ApiTokenRecords.digest(token), purpose.code(), at(clock.instant()))
                .query((rs, n) -> new Long[] {rs.getLong(1), rs.getLong(2)}).optional();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
