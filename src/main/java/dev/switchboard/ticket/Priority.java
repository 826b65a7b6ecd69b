package dev.switchboard.ticket;

import dev.switchboard.web.InvalidRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

public enum Priority {
    LOW, NORMAL, HIGH, CRITICAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority parse(String field, String value) {
        for (Priority priority : values()) {
            if (priority.code().equals(value)) {
                return priority;
            }
        }
        throw InvalidRequest.field(field, "unknown priority '" + value + "'; allowed: "
                + Arrays.stream(values()).map(Priority::code).collect(Collectors.joining(", ")));
    }
}
