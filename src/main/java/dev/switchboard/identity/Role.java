package dev.switchboard.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a person may do. {@code SYSTEM} is never stored on a user: it marks scheduled jobs acting on their own. */
public enum Role {
    ADMIN, AGENT, CUSTOMER, SYSTEM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isStaff() {
        return this != CUSTOMER;
    }

    /** Parses a role a person may hold; {@code system} and unknown names are refused by name. */
    public static Role ofUser(String value) {
        for (Role role : values()) {
            if (role != SYSTEM && role.code().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "'; allowed: " + Arrays.stream(values())
                .filter(r -> r != SYSTEM).map(Role::code).collect(Collectors.joining(", ")));
    }
}
