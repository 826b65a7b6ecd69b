package dev.switchboard.notification.internal;

import dev.switchboard.identity.AccountLinkIssued;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Mails the single-use links identity makes: confirm a sign-up, sign in without a password, reset it. */
@Component
class AccountLinkRule {

    private final Notifier notifier;

    AccountLinkRule(Notifier notifier) {
        this.notifier = notifier;
    }

    @EventListener
    void issued(AccountLinkIssued link) {
        TemplateKey key = switch (link.purpose()) {
            case "verify" -> TemplateKey.ACCOUNT_VERIFY;
            case "signin" -> TemplateKey.ACCOUNT_SIGNIN;
            case "reset" -> TemplateKey.ACCOUNT_RESET;
            default -> throw new IllegalArgumentException("unknown link purpose " + link.purpose());
        };
        notifier.sendAccountMail(key, link.email(), link.name(), link.locale(), link.url());
    }
}
