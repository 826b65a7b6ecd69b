package dev.switchboard.ticket;

import java.util.Set;

/**
 * A kind of request (billing, hardware, …). {@code requiredFields} names which of the request form's
 * optional fields this kind needs: {@code description}, {@code urgency}, {@code attachments}.
 */
public record Category(long id, String name, Set<String> requiredFields, int position, boolean active) {

    public static final Set<String> FIELDS = Set.of("description", "urgency", "attachments");

    public boolean requires(String field) {
        return requiredFields.contains(field);
    }
}
