package dev.switchboard.routing.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a routing condition looks at on a new ticket. */
enum Field {
    CHANNEL, SUBJECT, BODY, REQUESTER_EMAIL, ORGANIZATION_ID, CATEGORY, PRIORITY, TAGS;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Field> of(String code) {
        return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(Field::code).collect(Collectors.joining(", "));
    }

    /** The ticket's values for this field: one for most fields, none when unset, any number of tags. */
    List<String> valuesOf(RoutedTicket ticket) {
        return switch (this) {
            case CHANNEL -> List.of(ticket.channel());
            case SUBJECT -> List.of(ticket.subject());
            case BODY -> List.of(ticket.body());
            case REQUESTER_EMAIL -> ticket.requesterEmail() == null ? List.of() : List.of(ticket.requesterEmail());
            case ORGANIZATION_ID -> ticket.organizationId() == null ? List.of() : List.of(ticket.organizationId().toString());
            case CATEGORY -> ticket.category() == null ? List.of() : List.of(ticket.category());
            case PRIORITY -> List.of(ticket.priority());
            case TAGS -> List.copyOf(ticket.tags());
        };
    }
}
