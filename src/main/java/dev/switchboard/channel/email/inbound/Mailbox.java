package dev.switchboard.channel.email.inbound;

import java.time.Instant;

/**
 * A mailbox Switchboard reads over IMAP. The password is kept only encrypted ({@link MailboxPasswords});
 * {@code lastError} is what went wrong on the last poll, null when it went well.
 */
record Mailbox(long id, String address, String imapHost, int imapPort, MailboxSecurity security, String username,
               String passwordEncrypted, String folder, int pollIntervalSeconds, Long groupId, boolean active,
               Instant lastPolledAt, String lastError, Instant lastErrorAt, Instant createdAt, Instant updatedAt) {

    /** Whether a poll is due: never polled, or the interval has passed since the last one. */
    boolean due(Instant now) {
        return active && (lastPolledAt == null || !lastPolledAt.plusSeconds(pollIntervalSeconds).isAfter(now));
    }
}
