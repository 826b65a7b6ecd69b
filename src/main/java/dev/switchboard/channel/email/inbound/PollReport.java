package dev.switchboard.channel.email.inbound;

/**
 * How one poll of a mailbox went: messages fetched and stored, how many could not be read from the server
 * (left unseen, tried again next time), and the error that ended or marred the poll, if any.
 */
record PollReport(long mailboxId, boolean ran, int stored, int unreadable, String error) {

    static PollReport skipped(long mailboxId) {
        return new PollReport(mailboxId, false, 0, 0, null);
    }
}
