package dev.switchboard.channel.email.inbound;

import dev.switchboard.channel.email.SenderAddresses;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Mail about a ticket goes out from the mailbox its first inbound mail came in on, so the customer's
 * replies come back to the same place; tickets from other channels (or mailboxes since deactivated) use
 * {@code switchboard.mail.from}. Every mailbox address and the default From are ours: mail from them is
 * never answered automatically.
 */
@Component
class MailboxSenderAddresses implements SenderAddresses {

    private final MailboxRecords mailboxes;
    private final String defaultFrom;

    MailboxSenderAddresses(MailboxRecords mailboxes,
                           @Value("${switchboard.mail.from:support@switchboard.local}") String defaultFrom) {
        this.mailboxes = mailboxes;
        this.defaultFrom = defaultFrom.strip();
    }

    @Override
    public String fromAddressFor(Long ticketId) {
        return ticketId == null ? defaultFrom : mailboxes.addressForTicket(ticketId).orElse(defaultFrom);
    }

    @Override
    public boolean isOurs(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String normalized = address.strip().toLowerCase(Locale.ROOT);
        return normalized.equals(defaultFrom.toLowerCase(Locale.ROOT)) || mailboxes.isMailbox(normalized);
    }
}
