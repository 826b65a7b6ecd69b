package dev.switchboard.channel.email;

import dev.switchboard.notification.OwnAddresses;

/**
 * Which address mail about a ticket is sent from: the mailbox the ticket came in on, else the default. As
 * {@link OwnAddresses} it also tells notifications which addresses never to write to.
 */
public interface SenderAddresses extends OwnAddresses {

    String fromAddressFor(Long ticketId);

    /** Every address that is ours: mail from these is never answered automatically (loop protection). */
    @Override
    boolean isOurs(String address);
}
