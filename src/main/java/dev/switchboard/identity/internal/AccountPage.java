package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Everyone's own settings page: name, language and, for the team, email notifications and whether they take
 * new work now (availability, also switched from the header on every page). Customers see only what applies
 * to them. Changes are audited like those made through {@code PATCH /api/v1/users/me}.
 */
@Controller
class AccountPage {

    private final Accounts accounts;
    private final UserRecords users;
    private final LocaleResolver locales;
    private final MessageSource messages;

    AccountPage(Accounts accounts, UserRecords users, LocaleResolver locales, MessageSource messages) {
        this.accounts = accounts;
        this.users = users;
        this.locales = locales;
        this.messages = messages;
    }

    @GetMapping("/account")
    String show(Actor actor, Model model) {
        UserRow me = users.byId(actor.userId()).orElseThrow(() -> Problems.notFound("User " + actor.userId()));
        model.addAttribute("actor", actor);
        model.addAttribute("me", me);
        model.addAttribute("availabilities", UserSummary.AVAILABILITIES);
        return "identity/account";
    }

    @PostMapping("/account")
    String save(Actor actor, @RequestParam String name, @RequestParam String locale,
                @RequestParam(defaultValue = "false") boolean emailNotifications,
                @RequestParam(required = false) String availability, HttpServletRequest request,
                HttpServletResponse response, RedirectAttributes flash) {
        try {
            if (name.isBlank() || name.strip().length() > 200) {
                throw InvalidRequest.field("name", "must be 1 to 200 characters");
            }
            // customers have no say over notifications: replies to their requests are how the team reaches them
            accounts.changeOwnSettings(actor, name.strip(), locale, actor.isStaff() ? emailNotifications : null,
                    actor.isStaff() ? availability : null);
            locales.setLocale(request, response, Locale.forLanguageTag(locale));
            flash.addFlashAttribute("notice", messages.getMessage("account.saved", null, Locale.forLanguageTag(locale)));
        } catch (ErrorResponseException e) {
            flash.addFlashAttribute("error", e.getBody().getDetail());
        }
        return "redirect:/account";
    }

    /** The header's availability switch: back to the page it was on. */
    @PostMapping("/account/availability")
    String availability(Actor actor, @RequestParam String availability,
                        @RequestHeader(value = "Referer", required = false) String from, RedirectAttributes flash) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("Availability is for agents: customers are not assigned tickets.");
        }
        if (!UserSummary.AVAILABILITIES.contains(availability)) {
            flash.addFlashAttribute("error", messages.getMessage("account.availability.unknown", null,
                    LocaleContextHolder.getLocale()));
            return "redirect:/account";
        }
        accounts.changeWorkSettings(actor, actor.userId(), availability, null);
        return "redirect:" + LanguageSwitch.backTo(from);
    }
}
