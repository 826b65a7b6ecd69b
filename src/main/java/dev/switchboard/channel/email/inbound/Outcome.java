package dev.switchboard.channel.email.inbound;

/** What the pipeline made of a message: a ticket, a reply or a note ({@code processed}), or nothing to do. */
record Outcome(InboundStatus status, Long ticketId, Long messageId, String note) {

    static Outcome processed(long ticketId, long messageId) {
        return new Outcome(InboundStatus.PROCESSED, ticketId, messageId > 0 ? messageId : null, null);
    }

    static Outcome ignored(String why) {
        return new Outcome(InboundStatus.IGNORED, null, null, why);
    }
}
