package dev.switchboard.intake;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import java.util.Set;

/**
 * A request as any channel hands it over: who sent it, what it says, and what the channel already knows
 * about it (a priority or category picked in a form, tags). {@code html} may be null.
 */
public record InboundMessage(Channel channel, String requesterEmail, String requesterName, String subject,
                             String text, String html, Priority priority, String category, Set<String> tags) {
}
