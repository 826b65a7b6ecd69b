package dev.switchboard.channel.email;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The thread index: every Message-ID we sent or received, and its ticket. Replies are joined to tickets by
 * their In-Reply-To and References against this index (never by subject text alone).
 */
public interface EmailThreads {

    /** Records a Message-ID (angle brackets and case as given are normalized); a repeat is ignored. */
    void remember(String messageIdHeader, long ticketId, Long messageId, boolean outbound);

    /** The ticket of the most recent of these Message-IDs that we know, if any. */
    Optional<Long> ticketFor(Collection<String> messageIdHeaders);

    /** The Message-IDs of a ticket's thread, oldest first: what a reply's References header lists. */
    List<String> thread(long ticketId);

    /** A Message-ID as stored: without angle brackets or surrounding space. */
    static String normalize(String messageIdHeader) {
        String id = messageIdHeader.trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id.trim();
    }
}
