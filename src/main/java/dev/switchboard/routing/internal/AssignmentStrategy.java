package dev.switchboard.routing.internal;

import dev.switchboard.web.InvalidRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a group hands its new tickets to its agents. */
enum AssignmentStrategy {
    MANUAL, ROUND_ROBIN, LEAST_LOADED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AssignmentStrategy parse(String field, String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> InvalidRequest.field(field, "unknown assignment '" + code + "'; allowed: "
                        + Arrays.stream(values()).map(AssignmentStrategy::code).collect(Collectors.joining(", "))));
    }
}
