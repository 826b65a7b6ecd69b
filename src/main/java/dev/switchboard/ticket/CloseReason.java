package dev.switchboard.ticket;

import dev.switchboard.web.InvalidRequest;
import java.util.Locale;

/** Why a ticket that was never resolved is closed. */
public enum CloseReason {
    SPAM, DUPLICATE, MERGED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CloseReason parse(String field, String value) {
        for (CloseReason reason : values()) {
            if (reason.code().equals(value)) {
                return reason;
            }
        }
        throw InvalidRequest.field(field, "unknown close reason '" + value + "'; allowed: spam, duplicate, merged");
    }
}
