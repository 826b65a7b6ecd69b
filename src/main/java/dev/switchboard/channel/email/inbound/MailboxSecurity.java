package dev.switchboard.channel.email.inbound;

import dev.switchboard.web.InvalidRequest;
import java.util.Locale;

/** How the connection to a mailbox's IMAP server is protected. */
enum MailboxSecurity {
    /** Plain IMAP: only for a server on the same host or a trusted network. */
    NONE(143),
    /** IMAP over TLS from the first byte (IMAPS). */
    SSL(993),
    /** Plain IMAP upgraded with STARTTLS; refused if the server does not offer it. */
    STARTTLS(143);

    private final int defaultPort;

    MailboxSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    int defaultPort() {
        return defaultPort;
    }

    public String code() { // public: page templates read it
        return name().toLowerCase(Locale.ROOT);
    }

    static MailboxSecurity parse(String field, String value) {
        for (MailboxSecurity security : values()) {
            if (security.code().equals(value)) {
                return security;
            }
        }
        throw InvalidRequest.field(field, "unknown security '" + value + "'; allowed: none, ssl, starttls");
    }
}
