package dev.switchboard.notification.internal;

import dev.switchboard.identity.UserSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rules every automatic mail obeys (the confirmation of a new request, a trigger's auto-reply), so that
 * no two robots mail each other forever: see {@link dev.switchboard.notification.AutoReplies}.
 */
@Component
class LoopRules {

    private final OutboxRecords outbox;
    private final Notifier notifier;
    private final int perHour;

    LoopRules(OutboxRecords outbox, Notifier notifier,
              @Value("${switchboard.notifications.auto-replies-per-hour:5}") int perHour) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.perHour = perHour;
    }

    /**
     * Why an automatic mail of this kind to this address must not go, or empty when it may.
     *
     * @param user           the user the address belongs to, or null for an address that is no user's
     * @param answersMachine whether what it answers was written by a machine
     */
    Optional<String> holdBack(String address, UserSummary user, String kind, boolean answersMachine, Instant at) {
        Optional<String> refused = refuse(address, user, answersMachine);
        if (refused.isPresent() || hourlyCap(user).isEmpty()) {
            return refused;
        }
        int recent = outbox.countSince(address, kind, at.minus(Duration.ofHours(1)));
        if (recent >= perHour) {
            return Optional.of(address + " already got " + recent + " " + kind + " mails in the past hour");
        }
        return Optional.empty();
    }

    /** The rules that need no count: why the mail must not go at all, or empty when it may. */
    Optional<String> refuse(String address, UserSummary user, boolean answersMachine) {
        if (answersMachine) {
            return Optional.of("it would answer a message a machine wrote");
        }
        if (address == null || address.isBlank()) {
            return Optional.of("there is no address to send it to");
        }
        if (user != null && !user.active()) {
            return Optional.of(address + " belongs to a deactivated user");
        }
        if (notifier.isOurs(address)) {
            return Optional.of(address + " is one of our own addresses");
        }
        return Optional.empty();
    }

    /** How many automatic mails of a kind this person may get an hour; staff have no cap. */
    OptionalInt hourlyCap(UserSummary user) {
        return user == null || !user.role().isStaff() ? OptionalInt.of(perHour) : OptionalInt.empty();
    }
}
