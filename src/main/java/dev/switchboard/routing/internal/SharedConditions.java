package dev.switchboard.routing.internal;

import dev.switchboard.routing.TicketConditions;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Routing's conditions, offered to other modules' rules over their own fields (see {@link TicketConditions}). */
@Component
class SharedConditions implements TicketConditions {

    private final Duration regexLimit;

    SharedConditions(@Value("${switchboard.routing.regex-time-limit:50ms}") Duration regexLimit) {
        this.regexLimit = regexLimit;
    }

    @Override
    public List<String> operators() {
        return Arrays.stream(Operator.values()).map(Operator::code).toList();
    }

    @Override
    public TicketConditions.Condition check(Object raw, String where, List<String> fields, List<FieldProblem> problems) {
        dev.switchboard.routing.internal.Condition checked = dev.switchboard.routing.internal.Condition.parse(raw, where,
                fields, problems);
        return checked == null ? null : new TicketConditions.Condition(checked.field(), checked.operator(), checked.value());
    }

    @Override
    public Outcome evaluate(TicketConditions.Condition condition, List<String> values) {
        dev.switchboard.routing.internal.Condition.Outcome outcome = new dev.switchboard.routing.internal.Condition(
                condition.field(), condition.operator(), condition.value()).evaluate(values, regexLimit);
        return new Outcome(outcome.field(), outcome.operator(), outcome.value(), outcome.matched(), outcome.actual(),
                outcome.note());
    }
}
