package dev.switchboard.intake;

import dev.switchboard.identity.Actor;

/**
 * The one way in for every channel: an inbound message becomes a new ticket (or, as channels learn to
 * thread, a reply on an existing one), with its requester found or created by email address.
 */
public interface Intake {

    /**
     * @param submittedBy who handed the message in: the requester themself, or an agent filing on their
     *                    behalf; channels with no signed-in user pass the requester's actor
     */
    Received receive(InboundMessage message, Actor submittedBy);
}
