package dev.switchboard.ticket;

import dev.switchboard.identity.Requester;
import java.util.Set;

/**
 * A request to open a ticket, from any channel. {@code descriptionHtml} may be null; the text is then
 * shown as written.
 */
public record NewTicket(String subject, String description, String descriptionHtml, Requester requester,
                        Priority priority, String category, Set<String> tags, Channel channel) {
}
