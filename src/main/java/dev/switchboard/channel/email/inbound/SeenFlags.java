package dev.switchboard.channel.email.inbound;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Flags fetched messages \Seen on the server: the acknowledgement that they are committed here. The poller
 * calls it only after ingest returned, so a failure between the two leaves them unseen, and the next poll
 * fetches them again and finds them stored.
 */
@Component
class SeenFlags {

    void mark(Folder folder, List<Message> messages) throws MessagingException {
        if (!messages.isEmpty()) {
            folder.setFlags(messages.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
        }
    }
}
