package dev.switchboard.identity.internal;

import dev.switchboard.identity.internal.AccountLinks.Purpose;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-up, sign-in by emailed link, and password reset. Links open a page with a button rather than
 * acting on GET, so mail scanners that follow links do not use them up.
 */
@Controller
class AccountLinkPages {

    private final AccountLinks links;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    AccountLinkPages(AccountLinks links) {
        this.links = links;
    }

    @GetMapping("/portal/signup")
    String signUpForm() {
        return "identity/signup";
    }

    @PostMapping("/portal/signup")
    String signUp(@RequestParam String name, @RequestParam String email, @RequestParam String password, Model model) {
        if (name.isBlank() || name.length() > 200 || !email.contains("@") || email.length() > 320) {
            model.addAttribute("error", "signup.invalid");
            return "identity/signup";
        }
        if (password.length() < Accounts.MIN_PASSWORD || password.length() > 200) {
            model.addAttribute("error", "signup.password");
            return "identity/signup";
        }
        links.signUp(name.strip(), email.strip(), password);
        return "identity/check-email";
    }

    @GetMapping("/portal/verify")
    String verifyForm(@RequestParam(required = false) String token, Model model) {
        return confirmPage(token, Purpose.VERIFY, model);
    }

    @PostMapping("/portal/verify")
    String verify(@RequestParam String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        return signInWith(links.redeem(token, Purpose.VERIFY, null), request, response, model);
    }

    @GetMapping("/portal/link")
    String linkForm(@RequestParam(required = false) String token, Model model) {
        if (token == null) {
            model.addAttribute("purpose", "signin");
            return "identity/ask-link";
        }
        return confirmPage(token, Purpose.SIGNIN, model);
    }

    @PostMapping(value = "/portal/link", params = "email")
    String sendLink(@RequestParam String email) {
        links.send(email.strip(), Purpose.SIGNIN);
        return "identity/check-email";
    }

    @PostMapping(value = "/portal/link", params = "token")
    String useLink(@RequestParam String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        return signInWith(links.redeem(token, Purpose.SIGNIN, null), request, response, model);
    }

    @GetMapping("/portal/reset")
    String resetForm(@RequestParam(required = false) String token, Model model) {
        if (token == null) {
            model.addAttribute("purpose", "reset");
            return "identity/ask-link";
        }
        if (!links.isValid(token, Purpose.RESET)) {
            return "identity/link-expired";
        }
        model.addAttribute("token", token);
        return "identity/new-password";
    }

    @PostMapping(value = "/portal/reset", params = "email")
    String sendReset(@RequestParam String email) {
        links.send(email.strip(), Purpose.RESET);
        return "identity/check-email";
    }

    @PostMapping(value = "/portal/reset", params = "token")
    String reset(@RequestParam String token, @RequestParam String password, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        if (password.length() < Accounts.MIN_PASSWORD || password.length() > 200) {
            model.addAttribute("token", token);
            model.addAttribute("error", "signup.password");
            return "identity/new-password";
        }
        return signInWith(links.redeem(token, Purpose.RESET, password), request, response, model);
    }

    private String confirmPage(String token, Purpose purpose, Model model) {
        if (!links.isValid(token, purpose)) {
            return "identity/link-expired";
        }
        model.addAttribute("token", token);
        model.addAttribute("action", purpose == Purpose.VERIFY ? "/portal/verify" : "/portal/link");
        model.addAttribute("purpose", purpose.code());
        return "identity/confirm-link";
    }

    /** Signs the link's owner in with a fresh session id (no session fixation), then home. */
    private String signInWith(Optional<AccountLinks.Redeemed> redeemed, HttpServletRequest request,
                              HttpServletResponse response, Model model) {
        if (redeemed.isEmpty()) {
            return "identity/link-expired";
        }
        SignedInUser principal = new SignedInUser(redeemed.get().user().actor());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities()));
        SecurityContextHolder.setContext(context);
        request.getSession(true);
        request.changeSessionId();
        sessions.saveContext(context, request, response);
        return "redirect:/";
    }
}
