package dev.switchboard.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session carries the user as they were at sign-in. This re-reads them on each page request
 * (one indexed lookup), so a deactivated user is signed out at once and a changed role applies at once.
 */
class FreshSessionFilter extends OncePerRequestFilter {

    private final UserRecords users;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    FreshSessionFilter(UserRecords users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = contexts.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SignedInUser signedIn) {
            UserRow current = users.byId(signedIn.actor().userId()).filter(UserRow::active).orElse(null);
            if (current == null) {
                contexts.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                // the web module's locale resolver speaks the user's saved language
                request.setAttribute("switchboard.userLocale", current.locale());
                if (current.role().isStaff()) {
                    // the layout's availability switch shows it, without a query of its own
                    request.setAttribute("staffAvailability", current.availability());
                }
            }
            if (current != null && !current.actor().equals(signedIn.actor())) {
                SignedInUser fresh = new SignedInUser(current.actor());
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.authorities()));
                contexts.setContext(context);
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
