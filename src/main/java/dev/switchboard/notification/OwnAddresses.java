package dev.switchboard.notification;

/**
 * The addresses that are Switchboard's own (the mailboxes it sends from and receives on). Notifications are
 * never sent to them: an automatic mail to ourselves would come back in as a new request and could loop.
 * The email channel knows these addresses and implements this; notification asks without depending on it.
 */
public interface OwnAddresses {

    boolean isOurs(String address);
}
