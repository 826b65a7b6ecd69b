package dev.switchboard.channel.email;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.mail.MailSendException;

/**
 * A failure of a mail server conversation and everything it wraps: causes, Jakarta Mail's chained
 * exceptions and Spring's per-message ones. What went wrong (a refused login, an SMTP reply code) is
 * usually a few levels down, so both directions of mail read it from here.
 */
public record MailFailure(List<Throwable> chain) {

    public static MailFailure of(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || seen.put(t, true) != null) {
                continue;
            }
            all.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
            if (t instanceof MailSendException send) {
                todo.addAll(List.of(send.getMessageExceptions()));
            }
        }
        return new MailFailure(List.copyOf(all));
    }
}
