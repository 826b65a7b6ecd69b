package dev.switchboard.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Email and password, for form sign-in and HTTP Basic. Argon2 is slow on purpose, so a credential that
 * was verified recently is remembered under a keyed digest (never the password itself) together with the
 * password hash it matched: an API client sending Basic on every call pays the slow hash once, and a
 * changed password or a deactivated user takes effect on the next call.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private record Verified(long userId, String passwordHash) {
    }

    private final UserRecords users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(15)).build();
    private final SecretKeySpec cacheKey;
    private final String dummyHash;

    PasswordAuthenticationProvider(UserRecords users, PasswordEncoder encoder, LoginThrottle throttle) {
        this.users = users;
        this.encoder = encoder;
        this.throttle = throttle;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.cacheKey = new SecretKeySpec(secret, "HmacSHA256");
        this.dummyHash = encoder.encode("not-a-real-password");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getPrincipal());
        String password = String.valueOf(authentication.getCredentials());
        String throttleKey = LoginThrottle.key(email, authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null);
        int failures = throttle.failures(throttleKey);
        if (throttle.blocks(failures)) {
            throw new LockedException("Too many failed sign-ins. Try again in a few minutes, or ask for a sign-in link by email.");
        }
        UserRow user = users.byEmail(email).orElse(null);
        if (user == null || user.passwordHash() == null) {
            encoder.matches(password, dummyHash); // same cost as a real check: do not reveal which emails exist
            throttle.failed(throttleKey);
            throw new BadCredentialsException("Wrong email or password");
        }
        String key = key(user.id(), password);
        Verified known = verified.getIfPresent(key);
        boolean matches = known != null && known.passwordHash().equals(user.passwordHash());
        if (!matches) {
            matches = encoder.matches(password, user.passwordHash());
            if (matches) {
                verified.put(key, new Verified(user.id(), user.passwordHash()));
            }
        }
        if (!matches) {
            throttle.failed(throttleKey);
            throw new BadCredentialsException("Wrong email or password");
        }
        if (failures > 0) {
            throttle.succeeded(throttleKey);
        }
        if (!user.active()) {
            throw new DisabledException("This account is deactivated");
        }
        SignedInUser principal = new SignedInUser(user.actor());
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String key(long userId, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            mac.update(Long.toString(userId).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
