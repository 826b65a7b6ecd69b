package dev.switchboard.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Signs API callers in by a personal token: {@code Authorization: Bearer sb_…}. */
class BearerTokenFilter extends OncePerRequestFilter {

    /** Last-used times are kept to the minute; writing on every call would make each read a write. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ApiTokenRecords tokens;
    private final AuthenticationEntryPoint entryPoint;
    private final Clock clock;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(ApiTokenRecords tokens, AuthenticationEntryPoint entryPoint, Clock clock) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(7).trim();
        UserRow user = tokens.live(ApiTokenRecords.digest(token))
                .map(owner -> {
                    Instant now = clock.instant();
                    if (owner.lastUsedAt() == null || owner.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
                        tokens.touched(owner.tokenId(), now);
                    }
                    return owner.user();
                })
                .filter(UserRow::active)
                .orElse(null);
        if (user == null) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("The API token is unknown or revoked."));
            return;
        }
        SignedInUser principal = new SignedInUser(user.actor());
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
