package dev.switchboard.routing.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a condition compares. Text comparisons ignore case; {@code matches} is a Java regular expression
 * found anywhere in the value (anchor it with ^ and $ to match the whole); {@code in} takes a list.
 */
enum Operator {
    CONTAINS, EQUALS, MATCHES, ENDS_WITH, IN;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Operator> of(String code) {
        return Arrays.stream(values()).filter(o -> o.code().equals(code)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(Operator::code).collect(Collectors.joining(", "));
    }

    boolean takesList() {
        return this == IN;
    }

    /** Compares one value; {@code matches} goes through {@link BoundedMatch}, which may time out. */
    boolean test(String actual, Object expected, BoundedMatch regex) {
        String a = actual.toLowerCase(Locale.ROOT);
        return switch (this) {
            case CONTAINS -> a.contains(lower(expected));
            case EQUALS -> a.equals(lower(expected));
            case ENDS_WITH -> a.endsWith(lower(expected));
            case MATCHES -> regex.find(actual);
            case IN -> ((List<?>) expected).stream().anyMatch(e -> a.equals(lower(e)));
        };
    }

    private static String lower(Object value) {
        return String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}
