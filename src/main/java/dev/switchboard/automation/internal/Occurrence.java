package dev.switchboard.automation.internal;

import dev.switchboard.identity.Actor;
import java.time.Instant;
import java.util.Set;

/**
 * One happening on a ticket that triggers answer: each trigger of its event fires at most once for it.
 *
 * @param from           for {@code status_changed}: the status it left (null otherwise); {@code to} where it went
 * @param messageId      the reply it is about, when it is about one
 * @param changed        for {@code updated}: which fields changed ({@code status}, {@code priority}, {@code tags},
 *                       …, and {@code reply} or {@code note} for a new message)
 * @param answersMachine whether a machine wrote what caused it: then no trigger mails anyone about it
 */
record Occurrence(long ticketId, TriggerEvent event, String from, String to, Long messageId, Set<String> changed,
                  boolean answersMachine, Actor actor, Instant at) {

    Occurrence {
        changed = changed == null ? Set.of() : Set.copyOf(changed);
    }

    Occurrence answeringMachine(boolean machine) {
        return new Occurrence(ticketId, event, from, to, messageId, changed, answersMachine || machine, actor, at);
    }
}
