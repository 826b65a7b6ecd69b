package dev.switchboard.routing.internal;

import dev.switchboard.web.InvalidRequest.FieldProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One test on a new ticket: {@code field operator value}. A field with several values (tags) passes when
 * any of them does; a field with none (no category) never passes (negations: see {@link Operator}).
 * {@code value} is text, a list of texts for {@code in} and {@code not_in}, and none for {@code is_set}
 * and {@code is_not_set}. Triggers use the same vocabulary over their own fields ({@link SharedConditions}).
 */
record Condition(String field, String operator, Object value) {

    static final int MAX_PATTERN = 500;

    /** What a condition found, for a dry run. */
    record Outcome(String field, String operator, Object value, boolean matched, List<String> actual, String note) {

        /** The value as a person reads it: a list comma-separated. */
        public String valueText() {
            return Condition.text(value);
        }
    }

    /** The value as a person reads it: a list comma-separated. */
    public String valueText() {
        return text(value);
    }

    private static String text(Object value) {
        if (value == null) { // is_set and is_not_set take none
            return "";
        }
        return value instanceof List<?> list ? list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                : String.valueOf(value);
    }

    /** Checks a condition as written by a client, and answers it in its stored form. */
    static Condition parse(Object raw, String where, List<FieldProblem> problems) {
        return parse(raw, where, java.util.Arrays.stream(Field.values()).map(Field::code).toList(), problems);
    }

    /** The same, over the fields the caller offers. */
    static Condition parse(Object raw, String where, List<String> fields, List<FieldProblem> problems) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(new FieldProblem(where, "must be an object with field, operator and value"));
            return null;
        }
        for (Object key : map.keySet()) {
            if (!List.of("field", "operator", "value").contains(key)) {
                problems.add(new FieldProblem(where + "." + key, "unknown property; a condition has field, operator and value"));
            }
        }
        String field = map.get("field") instanceof String s ? s : null;
        String operator = map.get("operator") instanceof String s ? s : null;
        Object value = map.get("value");
        int before = problems.size();
        if (field == null || !fields.contains(field)) {
            problems.add(new FieldProblem(where + ".field", "unknown field '" + field + "'; allowed: "
                    + String.join(", ", fields)));
        }
        if (operator == null || Operator.of(operator).isEmpty()) {
            problems.add(new FieldProblem(where + ".operator", "unknown operator '" + operator + "'; allowed: "
                    + Operator.allowed()));
            return null;
        }
        Operator op = Operator.of(operator).get();
        if (!op.takesValue()) {
            if (value != null) {
                problems.add(new FieldProblem(where + ".value", "'" + operator + "' takes no value; leave it out"));
            }
            return problems.size() == before ? new Condition(field, operator, null) : null;
        }
        Object clean = op.takesList() ? texts(value) : oneText(value);
        if (clean == null) {
            problems.add(new FieldProblem(where + ".value", op.takesList()
                    ? "must be a non-empty list of texts or numbers for '" + operator + "'"
                    : "must be a non-empty text or number"));
        } else if (op == Operator.MATCHES) {
            String regex = (String) clean;
            if (regex.length() > MAX_PATTERN) {
                problems.add(new FieldProblem(where + ".value", "a pattern has at most " + MAX_PATTERN + " characters"));
            } else {
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    problems.add(new FieldProblem(where + ".value", "invalid regular expression: "
                            + e.getDescription() + " near index " + e.getIndex()));
                }
            }
        }
        return problems.size() == before ? new Condition(field, operator, clean) : null;
    }

    Outcome evaluate(RoutedTicket ticket, Duration regexLimit) {
        return evaluate(Field.of(field).orElseThrow().valuesOf(ticket), regexLimit);
    }

    /** Whether the condition holds for a field with these values (none, one or several). */
    Outcome evaluate(List<String> actual, Duration regexLimit) {
        Operator op = Operator.of(operator).orElseThrow();
        BoundedMatch regex = op == Operator.MATCHES ? new BoundedMatch(Pattern.compile((String) value), regexLimit) : null;
        boolean matched = op.holds(actual, value, regex);
        String note = regex != null && regex.timedOut()
                ? "the pattern ran longer than " + regexLimit.toMillis() + " ms and counts as no match" : null;
        return new Outcome(field, operator, value, matched, shortened(actual), note);
    }

    private static List<String> shortened(List<String> values) {
        return values.stream().map(v -> v.length() > 200 ? v.substring(0, 200) + "…" : v).toList();
    }

    private static String oneText(Object value) {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        return value instanceof Number n ? n.toString() : null;
    }

    private static List<String> texts(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 500) {
            return null;
        }
        List<String> clean = new ArrayList<>();
        for (Object item : list) {
            String t = oneText(item);
            if (t == null) {
                return null;
            }
            clean.add(t);
        }
        return clean;
    }
}
