package dev.switchboard.notification;

/**
 * Mail Switchboard sends on its own in answer to something that happened on a ticket: a trigger's
 * auto-reply or message. Automatic answers are where mail loops start, so every such mail obeys the same
 * rules as the confirmation of a new request, kept here for all of them:
 * <ul>
 *     <li>never in answer to a message a machine wrote (an out-of-office answer, bulk or list mail);</li>
 *     <li>never to one of our own addresses ({@link OwnAddresses}) or to a deactivated user;</li>
 *     <li>at most {@code switchboard.notifications.auto-replies-per-hour} mails of one kind to one address
 *     in an hour, counted from the outbox. Team members are not capped: a colleague's inbox is no robot,
 *     and a busy agent may well get more than that.</li>
 * </ul>
 * What passes is queued in the outbox, so this must run in the transaction of the change that caused it.
 * The mail leaves with {@code Auto-Submitted: auto-replied} (RFC 3834), which tells other systems not to
 * answer it.
 */
public interface AutoReplies {

    /** The outbox kind of an automatic mail a trigger sends. */
    String KIND = "auto_reply";

    Outcome send(AutoReply mail);

    /**
     * One automatic mail, already written.
     *
     * @param recipientUserId the user the address belongs to, when it is a user's (null for a fixed address)
     * @param answersMachine  whether what caused it was written by a machine: then it is not sent
     */
    record AutoReply(String recipient, Long recipientUserId, String subject, String text, Long ticketId,
                     String kind, boolean answersMachine) {
    }

    /** {@code outboxId} when it was queued; else {@code heldBack} says which rule kept it back. */
    record Outcome(Long outboxId, String heldBack) {

        public static Outcome queued(long outboxId) {
            return new Outcome(outboxId, null);
        }

        public static Outcome held(String why) {
            return new Outcome(null, why);
        }

        public boolean isQueued() {
            return outboxId != null;
        }
    }
}
