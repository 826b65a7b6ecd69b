package dev.switchboard.channel.email.inbound;

import dev.switchboard.channel.email.SenderAddresses;
import java.util.Locale;
import java.util.Set;
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

    /**
     * How long this node trusts its copy of the mailbox addresses, asked about every inbound message: a
     * mailbox added on another node counts as ours here within this time (on this node, at once).
     */
    static final long REFRESH_NANOS = 10_000_000_000L;

    private record Known(Set<String> addresses, long loadedAt) {
    }

    private final MailboxRecords mailboxes;
    private final String defaultFrom;
    private volatile Known known;

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
        return normalized.equals(defaultFrom.toLowerCase(Locale.ROOT)) || addresses().contains(normalized);
    }

    /** Forgets the copy of mailbox addresses, after this node changed one. */
    void forget() {
        known = null;
    }

    private Set<String> addresses() {
        Known current = known;
        if (current == null || System.nanoTime() - current.loadedAt() > REFRESH_NANOS) {
            current = new Known(Set.copyOf(mailboxes.allAddresses()), System.nanoTime());
            known = current;
        }
        return current.addresses();
    }
}
