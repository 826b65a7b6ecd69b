package dev.switchboard.channel.email.inbound;

/**
 * What became of one received message: the stored row ({@code id}), its status, and the ticket and message
 * it became. A duplicate answers the row it duplicates.
 */
record IngestResult(long id, InboundStatus status, Long ticketId, Long messageId, String error) {

    static IngestResult of(InboundEmails.Stored stored, InboundStatus status) {
        return new IngestResult(stored.id(), status, stored.ticketId(), stored.messageId(), stored.error());
    }
}
