package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Personal API tokens in the browser: the way to get a first token when HTTP Basic is switched off. */
@Controller
class TokenPage {

    private final Accounts accounts;
    private final ApiTokenRecords tokens;

    TokenPage(Accounts accounts, ApiTokenRecords tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @GetMapping("/account/tokens")
    String list(Actor actor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("tokens", tokens.ofUser(actor.userId()).stream().map(AccountViews.TokenView::of).toList());
        return "identity/tokens";
    }

    @PostMapping("/account/tokens")
    String create(Actor actor, @RequestParam String name, RedirectAttributes flash) {
        String label = name == null || name.isBlank() ? "token" : name.strip();
        if (label.length() > 200) {
            label = label.substring(0, 200);
        }
        flash.addFlashAttribute("secret", accounts.issueToken(actor, label).secret());
        return "redirect:/account/tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(Actor actor, @PathVariable long id) {
        accounts.revokeToken(actor, id);
        return "redirect:/account/tokens";
    }
}
