package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Signs API callers in by a personal token: {@code Authorization: Bearer sb_…}. */
class BearerTokenFilter extends OncePerRequestFilter {

    private final TokenSignIns signIns;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(TokenSignIns signIns, AuthenticationEntryPoint entryPoint) {
        this.signIns = signIns;
        this.entryPoint = entryPoint;
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
        Actor actor = signIns.signIn(token).orElse(null);
        if (actor == null) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("The API token is unknown or revoked."));
            return;
        }
        SignedInUser principal = new SignedInUser(actor);
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
