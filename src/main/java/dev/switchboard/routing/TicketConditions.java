package dev.switchboard.routing;

import dev.switchboard.web.InvalidRequest.FieldProblem;
import java.util.List;

/**
 * The condition vocabulary of routing rules, for other modules' rules (triggers) over fields they name
 * themselves: a condition is {@code {"field", "operator", "value"}}; operators are {@code contains},
 * {@code equals}, {@code ends_with} (ignoring case), {@code matches} (a Java regular expression, searched for
 * with a time limit so a catastrophic pattern cannot stall the caller), {@code in} (a list), their negations
 * {@code not_contains}, {@code not_equals}, {@code not_in}, and {@code is_set} / {@code is_not_set} (no value).
 * A field with several values passes a positive operator when any value does and a negation when none does.
 */
public interface TicketConditions {

    /** A condition in its checked, stored form. */
    record Condition(String field, String operator, Object value) {
    }

    /** What a condition found: the values it looked at, and a note when a pattern ran out of time. */
    record Outcome(String field, String operator, Object value, boolean matched, List<String> actual, String note) {
    }

    /** The operators, as clients write them. */
    List<String> operators();

    /**
     * Checks a condition as a client wrote it, against the fields the caller offers. Every problem (unknown
     * field or operator, a missing or extra value, an invalid or too long regular expression, with the
     * reason) is added to {@code problems} under {@code where}; then the answer is null.
     */
    Condition check(Object raw, String where, List<String> fields, List<FieldProblem> problems);

    /**
     * Whether a checked condition holds for the values its field has now. A pattern that runs longer than
     * {@code switchboard.routing.regex-time-limit} counts as no match, and the outcome's note says so.
     */
    Outcome evaluate(Condition condition, List<String> values);
}
