package dev.switchboard.channel.email;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Until mailboxes say otherwise, everything goes out from {@code switchboard.mail.from}. */
@Component
class ConfiguredSenderAddresses implements SenderAddresses {

    private final String from;

    ConfiguredSenderAddresses(@Value("${switchboard.mail.from:support@switchboard.local}") String from) {
        this.from = from;
    }

    @Override
    public String fromAddressFor(Long ticketId) {
        return from;
    }

    @Override
    public boolean isOurs(String address) {
        return address != null && address.trim().toLowerCase(Locale.ROOT).equals(from.toLowerCase(Locale.ROOT));
    }
}
