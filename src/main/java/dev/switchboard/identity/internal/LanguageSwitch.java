package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The language menu: a signed-in user's choice is saved with their account, so mail follows it too. */
@Controller
class LanguageSwitch {

    private final Accounts accounts;
    private final LocaleResolver locales;

    LanguageSwitch(Accounts accounts, LocaleResolver locales) {
        this.accounts = accounts;
        this.locales = locales;
    }

    @PostMapping("/account/language")
    String change(Actor actor, @RequestParam String lang, @RequestHeader(value = "Referer", required = false) String from,
                  HttpServletRequest request, HttpServletResponse response) {
        String tag = Accounts.LOCALES.contains(lang) ? lang : "en";
        accounts.changeOwnPreferences(actor, null, null, tag, null);
        locales.setLocale(request, response, Locale.forLanguageTag(tag));
        return "redirect:" + backTo(from);
    }

    /** Back to the page the menu was on: only its path, so the Referer can never send anyone off-site. */
    static String backTo(String referer) {
        if (referer == null) {
            return "/";
        }
        try {
            URI uri = URI.create(referer);
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                return "/";
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
