package dev.switchboard.ticket;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import java.util.List;

/**
 * The ticket module's public face. Every call takes the acting {@link Actor} and applies what that actor
 * may see and do: a ticket a customer may not see answers as not found.
 */
public interface Tickets {

    /** Opens a ticket with its description as the first message; answers its id and that message's. */
    OpenedTicket open(NewTicket ticket, Actor actor);

    TicketView get(long id, Actor viewer);

    Page<TicketView> list(TicketFilter filter, PageQuery page, Actor viewer);

    /**
     * How many tickets a filter matches, for the counts beside the views, counting no further than
     * {@code upTo}: past that a person reads "10,000+" and the database reads no more index entries.
     */
    long count(TicketFilter filter, Actor viewer, long upTo);

    TicketView change(long id, TicketChange change, Actor actor);

    /**
     * Adds a reply or note. A requester's reply reopens a pending or resolved ticket; on a closed ticket it
     * opens a follow-up ticket, which the answer's {@code ticketId} then names.
     */
    MessageView post(long ticketId, NewMessage message, Actor author);

    MessageView message(long messageId, Actor viewer);

    /** The conversation, oldest first; internal notes only for staff. */
    List<MessageView> messages(long ticketId, Actor viewer);

    List<HistoryEntry> history(long ticketId, Actor viewer);

    /** The requester says their request is solved: it moves to resolved (and auto-closes later as usual). */
    TicketView markSolved(long ticketId, Actor requester);

    AttachmentContent attachment(long ticketId, long attachmentId, Actor viewer);

    /**
     * The stored files with these ids, in that order, for sending them out with a public reply (the email
     * channel reads them when it delivers). Only files of this ticket's public messages are answered: a file
     * on an internal note, or on another ticket, is left out, so the caller sees it is missing.
     */
    List<Attachment> filesToSend(long ticketId, List<Long> attachmentIds);

    /** Copies a person on the ticket (as CC'd mail does): they may then see it and write on it. */
    void addParticipant(long ticketId, long userId, Actor actor);
}
