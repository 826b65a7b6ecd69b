package dev.switchboard.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import dev.switchboard.web.Problems;

/** 401 and 403 for API callers as problem+json, like every other API error. */
class ProblemSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final boolean basicEnabled;

    ProblemSecurityResponses(boolean basicEnabled) {
        this.basicEnabled = basicEnabled;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.addHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
        if (basicEnabled) {
            response.addHeader("WWW-Authenticate", "Basic realm=\"switchboard\"");
        }
        write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                e.getMessage() == null || e.getMessage().isBlank() ? "Sign in with an API token or email and password."
                        : e.getMessage());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this.");
    }

    private static void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        Problems.write(response, status, title, detail);
    }
}
