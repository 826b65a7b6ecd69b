package dev.switchboard.identity;

/**
 * A single-use link was made for a person: to confirm their sign-up ({@code verify}), to sign in
 * without a password ({@code signin}) or to choose a new password ({@code reset}). Published inside the
 * transaction that stored it; the notification module mails it.
 */
public record AccountLinkIssued(long userId, String email, String name, String locale, String purpose, String url) {
}
