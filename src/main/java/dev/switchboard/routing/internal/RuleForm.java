package dev.switchboard.routing.internal;

import dev.switchboard.web.InvalidRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;

/**
 * A routing rule as the admin page's form shows and sends it. Conditions and actions are rows of plain text,
 * sent as repeated fields ({@code condition_field}, {@code condition_operator}, {@code condition_value};
 * {@code action_type}, {@code action_value}) in the order they stand on the page, so rows can be added and
 * removed freely. A list ({@code in}, tags) is written comma-separated.
 */
record RuleForm(Long id, String name, String position, boolean active, boolean stop, List<ConditionRow> conditions,
                List<ActionRow> actions) {

    record ConditionRow(String field, String operator, String value) {
    }

    record ActionRow(String type, String value) {
    }

    static final List<String> FIELDS = Arrays.stream(Field.values()).map(Field::code).toList();
    static final List<String> OPERATORS = Arrays.stream(Operator.values()).map(Operator::code).toList();
    static final List<String> ACTIONS = Arrays.stream(RuleAction.Type.values()).map(RuleAction.Type::code).toList();

    /** A new rule: active, placed after the others, with one action to fill in and no conditions yet. */
    static RuleForm blank(int position) {
        return new RuleForm(null, "", String.valueOf(position), true, false, List.of(),
                List.of(new ActionRow(RuleAction.Type.SET_GROUP.code(), "")));
    }

    static RuleForm of(RoutingRule rule) {
        return new RuleForm(rule.id(), rule.name(), String.valueOf(rule.position()), rule.active(), rule.stop(),
                rule.conditions().stream().map(c -> new ConditionRow(c.field(), c.operator(), text(c.value()))).toList(),
                rule.actions().stream().map(a -> new ActionRow(a.type(), text(a.value()))).toList());
    }

    static RuleForm from(Long id, MultiValueMap<String, String> params) {
        List<String> fields = values(params, "condition_field");
        List<String> operators = values(params, "condition_operator");
        List<String> conditionValues = values(params, "condition_value");
        List<ConditionRow> conditions = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            conditions.add(new ConditionRow(fields.get(i), at(operators, i), at(conditionValues, i)));
        }
        List<String> types = values(params, "action_type");
        List<String> actionValues = values(params, "action_value");
        List<ActionRow> actions = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            actions.add(new ActionRow(types.get(i), at(actionValues, i)));
        }
        return new RuleForm(id, params.getFirst("name") == null ? "" : params.getFirst("name"),
                params.getFirst("position") == null ? "" : params.getFirst("position").strip(),
                params.containsKey("active"), params.containsKey("stop"), conditions, actions);
    }

    /** The rule as the API writes it; the rules' own checks then decide whether it can be saved. */
    RoutingRules.Draft draft() {
        Integer at = null;
        if (!position.isBlank()) {
            try {
                at = Integer.parseInt(position);
            } catch (NumberFormatException e) {
                throw InvalidRequest.field("position", "must be a whole number, such as 1");
            }
        }
        List<Object> conditionList = new ArrayList<>();
        for (ConditionRow row : conditions) {
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("field", row.field());
            condition.put("operator", row.operator());
            condition.put("value", conditionValue(row));
            conditionList.add(condition);
        }
        List<Object> actionList = new ArrayList<>();
        for (ActionRow row : actions) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("type", row.type());
            action.put("value", actionValue(row));
            actionList.add(action);
        }
        return new RoutingRules.Draft(name, at, conditionList, actionList, stop, active);
    }

    /** A list for {@code in}; a pattern exactly as typed (spaces may matter in it); other text without outer spaces. */
    private static Object conditionValue(ConditionRow row) {
        if (Operator.of(row.operator()).map(Operator::takesList).orElse(false)) {
            return list(row.value());
        }
        if (Operator.MATCHES.code().equals(row.operator())) {
            return row.value() == null || row.value().isBlank() ? null : row.value();
        }
        return blankToNull(row.value());
    }

    private static Object actionValue(ActionRow row) {
        String value = blankToNull(row.value());
        RuleAction.Type type = RuleAction.Type.of(row.type());
        if (value == null || type == null) {
            return value;
        }
        return switch (type) {
            case SET_GROUP, ASSIGN -> {
                try {
                    yield Long.parseLong(value);
                } catch (NumberFormatException e) {
                    yield value;
                }
            }
            case ADD_TAGS -> list(value);
            default -> value;
        };
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return value == null ? "" : String.valueOf(value);
    }

    private static List<String> list(String text) {
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static List<String> values(MultiValueMap<String, String> params, String name) {
        List<String> values = params.get(name);
        return values == null ? List.of() : values;
    }

    private static String at(List<String> values, int i) {
        return i < values.size() ? values.get(i) : "";
    }
}
