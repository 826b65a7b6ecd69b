package dev.switchboard.routing.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a condition compares. Text comparisons ignore case; {@code matches} is a Java regular expression
 * found anywhere in the value (anchor it with ^ and $ to match the whole); {@code in} takes a list. A field
 * with several values (tags) passes a positive operator when any value does, and a negation
 * ({@code not_contains}, {@code not_equals}, {@code not_in}) when none passes the positive one; a field with
 * no value passes no positive operator and every negation. {@code is_set} and {@code is_not_set} ask whether
 * the field has a value at all and take none.
 */
enum Operator {
    CONTAINS, EQUALS, MATCHES, ENDS_WITH, IN, NOT_CONTAINS, NOT_EQUALS, NOT_IN, IS_SET, IS_NOT_SET;

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
        return this == IN || this == NOT_IN;
    }

    /** Whether the condition has a value to compare with: all but {@code is_set} and {@code is_not_set}. */
    boolean takesValue() {
        return this != IS_SET && this != IS_NOT_SET;
    }

    /** Whether a field with these values (none, one or several) passes. */
    boolean holds(List<String> actual, Object expected, BoundedMatch regex) {
        return switch (this) {
            case IS_SET -> !actual.isEmpty();
            case IS_NOT_SET -> actual.isEmpty();
            case NOT_CONTAINS -> actual.stream().noneMatch(a -> CONTAINS.test(a, expected, regex));
            case NOT_EQUALS -> actual.stream().noneMatch(a -> EQUALS.test(a, expected, regex));
            case NOT_IN -> actual.stream().noneMatch(a -> IN.test(a, expected, regex));
            default -> actual.stream().anyMatch(a -> test(a, expected, regex));
        };
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
            case NOT_CONTAINS, NOT_EQUALS, NOT_IN, IS_SET, IS_NOT_SET -> holds(List.of(actual), expected, regex);
        };
    }

    private static String lower(Object value) {
        return String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}
