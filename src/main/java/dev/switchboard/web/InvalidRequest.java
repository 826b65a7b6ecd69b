package dev.switchboard.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request whose fields cannot be accepted: answered 422 with each field and what is wrong with it,
 * in the same shape as bean-validation failures.
 */
public class InvalidRequest extends ErrorResponseException {

    public record FieldProblem(String field, String message) {
    }

    private final List<FieldProblem> problems;

    public InvalidRequest(List<FieldProblem> problems) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problemFor(problems), null);
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequest field(String field, String message) {
        return new InvalidRequest(List.of(new FieldProblem(field, message)));
    }

    /** Each field and what is wrong with it, for a page that shows the reason next to the field. */
    public List<FieldProblem> problems() {
        return problems;
    }

    private static ProblemDetail problemFor(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
                        : "The request has " + problems.size() + " invalid fields.");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", problems.stream()
                .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return problem;
    }
}
