package dev.switchboard.channel.email.inbound;

/**
 * A message the pipeline cannot turn into a ticket, reply or note (unreadable MIME, no sender, a bounce
 * about a message we do not know): it is kept raw in quarantine with this reason, for an admin to see.
 */
class UnprocessableEmail extends RuntimeException {

    UnprocessableEmail(String message, Throwable cause) {
        super(message, cause);
    }

    UnprocessableEmail(String message) {
        super(message);
    }
}
