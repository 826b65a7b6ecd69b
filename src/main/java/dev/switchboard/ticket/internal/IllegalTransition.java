package dev.switchboard.ticket.internal;

import dev.switchboard.ticket.TicketStatus;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A move the lifecycle does not allow: 409, naming where the ticket may go instead. */
class IllegalTransition extends ErrorResponseException {

    private final TicketStatus from;
    private final TicketStatus to;

    IllegalTransition(TicketStatus from, TicketStatus to) {
        super(HttpStatus.CONFLICT, problem(from, to), null);
        this.from = from;
        this.to = to;
    }

    TicketStatus from() {
        return from;
    }

    TicketStatus to() {
        return to;
    }

    private static ProblemDetail problem(TicketStatus from, TicketStatus to) {
        String allowed = from.agentTargets().isEmpty() ? "none: closed tickets are final"
                : TicketStatus.codes(from.agentTargets());
        String detail = "A " + from.code() + " ticket cannot move to " + to.code() + "; allowed: " + allowed + ".";
        if (from == TicketStatus.PENDING && to == TicketStatus.OPEN) {
            detail += " A pending ticket opens again when the requester replies.";
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Status change not allowed");
        problem.setProperty("from", from.code());
        problem.setProperty("to", to.code());
        problem.setProperty("allowed", from.agentTargets().stream().map(TicketStatus::code).toList());
        return problem;
    }

    List<String> allowedCodes() {
        return from.agentTargets().stream().map(TicketStatus::code).toList();
    }
}
