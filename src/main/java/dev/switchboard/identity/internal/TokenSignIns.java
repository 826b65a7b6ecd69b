package dev.switchboard.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.internal.ApiTokenRecords.TokenOwner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Signs a caller in by their API token, remembering a live token for a short while
 * ({@code switchboard.api.token-cache}, 2 s unless configured; 0 turns this off) so that a client sending
 * many calls is not looked up in the database on each of them.
 *
 * <p>How long a change can take to apply: revoking a token, deactivating a user or changing their role or
 * organization through this node clears what it remembers as soon as that change commits (a sign-in read
 * just before the commit may still be remembered, for at most the cache time). A change made on another
 * node sharing the database (or straight in the database) applies here once the remembered sign-in is
 * older than the cache time, so never later than that. Only a digest of the token is kept,
 * never the token, nor its owner's password hash; unknown or revoked tokens are not remembered.
 */
@Component
class TokenSignIns {

    /** Last-used times are kept to the minute; writing on every call would make each read a write. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A live token as last read: its owner as they sign in, and whether they are active. */
    private record Remembered(long tokenId, Instant lastUsedAt, Actor actor, boolean active, Instant readAt) {

        static Remembered of(TokenOwner owner, Instant readAt) {
            return new Remembered(owner.tokenId(), owner.lastUsedAt(), owner.user().actor(), owner.user().active(), readAt);
        }

        Remembered touched(Instant at) {
            return new Remembered(tokenId, at, actor, active, readAt);
        }
    }

    private final ApiTokenRecords tokens;
    private final Clock clock;
    private final Duration keepFor;
    private final Cache<String, Remembered> recent = Caffeine.newBuilder().maximumSize(10_000).build();

    TokenSignIns(ApiTokenRecords tokens, Clock clock,
                 @Value("${switchboard.api.token-cache:2s}") Duration keepFor) {
        if (keepFor.isNegative() || keepFor.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("switchboard.api.token-cache must be between 0 and 10 s, not " + keepFor);
        }
        this.tokens = tokens;
        this.clock = clock;
        this.keepFor = keepFor;
    }

    /** The active user the token belongs to, if it is a live token. */
    Optional<Actor> signIn(String token) {
        String digest = ApiTokenRecords.digest(token);
        Instant now = clock.instant();
        Remembered remembered = recent.getIfPresent(digest);
        if (remembered == null || now.isBefore(remembered.readAt()) || !now.isBefore(remembered.readAt().plus(keepFor))) {
            Optional<TokenOwner> live = tokens.live(digest);
            if (live.isEmpty()) {
                recent.invalidate(digest);
                return Optional.empty();
            }
            remembered = Remembered.of(live.get(), now);
            remember(digest, remembered);
        }
        if (remembered.lastUsedAt() == null || remembered.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
            tokens.touched(remembered.tokenId(), now);
            remember(digest, remembered.touched(now));
        }
        return remembered.active() ? Optional.of(remembered.actor()) : Optional.empty();
    }

    /**
     * Forgets every remembered sign-in, after the current transaction commits (at once outside one). Called
     * on changes that revoke tokens or change who their owners are; they are rare, so all is cleared.
     */
    void forgetAll() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    recent.invalidateAll();
                }
            });
        } else {
            recent.invalidateAll();
        }
    }

    private void remember(String digest, Remembered remembered) {
        if (!keepFor.isZero()) {
            recent.put(digest, remembered);
        }
    }
}
