package dev.switchboard.channel.email;

/** Which address mail about a ticket is sent from: the mailbox the ticket came in on, else the default. */
public interface SenderAddresses {

    String fromAddressFor(Long ticketId);

    /** Every address that is ours: mail from these is never answered automatically (loop protection). */
    boolean isOurs(String address);
}
