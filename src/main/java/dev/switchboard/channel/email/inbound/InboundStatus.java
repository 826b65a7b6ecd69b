package dev.switchboard.channel.email.inbound;

import java.util.Locale;

/** What became of an inbound email. */
enum InboundStatus {
    /** Claimed inside the transaction that processes it; never seen committed. */
    RECEIVED,
    /** Became a ticket, a reply, or (a bounce) an internal note. */
    PROCESSED,
    /** Could not be processed; kept raw with the reason, for an admin to look at and retry. */
    QUARANTINED,
    /** The same Message-ID as a stored email, with other content: kept, but not processed twice. */
    DUPLICATE,
    /** Needs nothing done: our own outgoing message coming back. */
    IGNORED,
    /** Was quarantined, and an admin discarded it with a reason: the record stays, the raw source is erased. */
    DISCARDED;

    public String code() { // public: page templates read it
        return name().toLowerCase(Locale.ROOT);
    }

    static InboundStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
