package dev.switchboard.sla;

import java.util.Locale;

/** The two promises an SLA makes on every ticket. */
public enum SlaTarget {
    FIRST_RESPONSE, RESOLUTION;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As people read it: "first response", "resolution". */
    public String label() {
        return code().replace('_', ' ');
    }
}
