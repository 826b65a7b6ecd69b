package dev.switchboard.automation.internal;

import dev.switchboard.routing.TicketConditions.Condition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trigger as its admin page's form holds it: plain text fields, rows of conditions
 * ({@code conditions[0].field}, {@code .operator}, {@code .value}) and of actions ({@code actions[0].type} and
 * the fields the type uses). Lists are typed with commas. Empty rows are dropped, so the rows a refusal names
 * are the rows shown again.
 */
record TriggerForm(Long id, String name, String event, String position, boolean active, List<ConditionRow> conditions,
                   List<ActionRow> actions) {

    record ConditionRow(String field, String operator, String value) {
        static final ConditionRow EMPTY = new ConditionRow("", "", "");
    }

    record ActionRow(String type, String to, String address, String status, String priority, String group,
                     String assignee, String tags, String subject, String body, String subjectRu, String bodyRu,
                     String url) {
        static final ActionRow EMPTY = new ActionRow("", "requester", "", "", "", "", "", "", "", "", "", "", "");
    }

    private static final Pattern ROW = Pattern.compile("(conditions|actions)\\[(\\d{1,3})]\\.(\\w+)");
    private static final String AUTO_REPLY_BODY = """
            Hello {{requester.name}},

            Thank you for writing to us. Our office is closed right now; we have your request as ticket \
            #{{ticket.id}} and will answer it when we are back.

            This message was sent automatically.""";
    private static final String AUTO_REPLY_BODY_RU = """
            Здравствуйте, {{requester.name}}!

            Спасибо за обращение. Сейчас мы не работаем; ваше обращение зарегистрировано под номером \
            #{{ticket.id}}, мы ответим, как только вернёмся.

            Это письмо отправлено автоматически.""";

    /** A new trigger's form. */
    static TriggerForm empty() {
        return new TriggerForm(null, "", "created", "", true, List.of(), List.of());
    }

    /** A new out-of-hours auto-reply: on a new ticket, when the office is closed, mail the requester. */
    static TriggerForm autoReply(String name) {
        return new TriggerForm(null, name, "created", "", true,
                List.of(new ConditionRow("business_hours", "equals", "closed")),
                List.of(new ActionRow("send_email", "requester", "", "", "", "", "", "",
                        "We received your request: {{ticket.subject}}", AUTO_REPLY_BODY,
                        "Ваше обращение получено: {{ticket.subject}}", AUTO_REPLY_BODY_RU, "")));
    }

    static TriggerForm of(Trigger trigger) {
        List<ConditionRow> conditions = trigger.conditions().stream().map(c -> new ConditionRow(c.field(), c.operator(),
                c.value() instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                        : c.value() == null ? "" : String.valueOf(c.value()))).toList();
        List<ActionRow> actions = trigger.actions().stream().map(TriggerForm::row).toList();
        return new TriggerForm(trigger.id(), trigger.name(), trigger.event(), String.valueOf(trigger.position()),
                trigger.active(), conditions, actions);
    }

    private static ActionRow row(TriggerAction a) {
        String value = a.value() == null ? "" : a.value() instanceof List<?> list
                ? String.join(", ", list.stream().map(String::valueOf).toList()) : String.valueOf(a.value());
        TriggerAction.Wording ru = a.translations() == null ? null : a.translations().get("ru");
        return switch (a.kind()) {
            case SEND_EMAIL -> new ActionRow(a.type(), a.to(), text(a.address()), "", "", "", "", "", text(a.subject()),
                    text(a.body()), ru == null ? "" : text(ru.subject()), ru == null ? "" : text(ru.body()), "");
            case SET_STATUS -> new ActionRow(a.type(), "requester", "", value, "", "", "", "", "", "", "", "", "");
            case SET_PRIORITY -> new ActionRow(a.type(), "requester", "", "", value, "", "", "", "", "", "", "", "");
            case SET_GROUP -> new ActionRow(a.type(), "requester", "", "", "", value, "", "", "", "", "", "", "");
            case SET_ASSIGNEE -> new ActionRow(a.type(), "requester", "", "", "", "", value, "", "", "", "", "", "");
            case ADD_TAGS, REMOVE_TAGS -> new ActionRow(a.type(), "requester", "", "", "", "", "", value, "", "", "", "", "");
            case ADD_NOTE -> new ActionRow(a.type(), "requester", "", "", "", "", "", "", "", text(a.body()), "", "", "");
            case WEBHOOK -> new ActionRow(a.type(), "requester", "", "", "", "", "", "", "", text(a.body()), "", "",
                    text(a.url()));
        };
    }

    /** The form as posted. */
    static TriggerForm of(Long id, Map<String, String> params) {
        Map<Integer, Map<String, String>> conditionRows = new TreeMap<>();
        Map<Integer, Map<String, String>> actionRows = new TreeMap<>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            Matcher m = ROW.matcher(param.getKey());
            if (m.matches()) {
                (m.group(1).equals("conditions") ? conditionRows : actionRows)
                        .computeIfAbsent(Integer.parseInt(m.group(2)), i -> new LinkedHashMap<>())
                        .put(m.group(3), param.getValue());
            }
        }
        List<ConditionRow> conditions = new ArrayList<>();
        conditionRows.values().forEach(r -> {
            ConditionRow row = new ConditionRow(get(r, "field"), get(r, "operator"), get(r, "value"));
            if (!row.field().isBlank()) {
                conditions.add(row);
            }
        });
        List<ActionRow> actions = new ArrayList<>();
        actionRows.values().forEach(r -> {
            ActionRow row = new ActionRow(get(r, "type"), get(r, "to"), get(r, "address"), get(r, "status"),
                    get(r, "priority"), get(r, "group"), get(r, "assignee"), get(r, "tags"), get(r, "subject"),
                    get(r, "body"), get(r, "subject_ru"), get(r, "body_ru"), get(r, "url"));
            if (!row.type().isBlank()) {
                actions.add(row);
            }
        });
        return new TriggerForm(id, get(params, "name"), get(params, "event"), get(params, "position"),
                params.containsKey("active"), conditions, actions);
    }

    /** What the form says, as the API would take it. */
    Triggers.Draft draft() {
        List<Object> c = conditions.stream().map(r -> {
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("field", r.field());
            condition.put("operator", r.operator());
            if (r.operator().equals("in") || r.operator().equals("not_in")) {
                condition.put("value", list(r.value()));
            } else if (!r.operator().startsWith("is_") || !r.value().isBlank()) {
                condition.put("value", r.value().strip());
            }
            return (Object) condition;
        }).toList();
        List<Object> a = actions.stream().map(TriggerForm::action).toList();
        Integer at = null;
        if (!position.isBlank()) {
            try {
                at = Integer.parseInt(position.strip());
            } catch (NumberFormatException e) {
                throw dev.switchboard.web.InvalidRequest.field("position", "must be a whole number");
            }
        }
        return new Triggers.Draft(name, event, at, c, a, active);
    }

    private static Object action(ActionRow r) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", r.type());
        switch (r.type()) {
            case "send_email" -> {
                action.put("to", r.to());
                if ("address".equals(r.to())) {
                    action.put("address", r.address());
                }
                action.put("subject", r.subject());
                action.put("body", r.body());
                if (!r.subjectRu().isBlank() || !r.bodyRu().isBlank()) {
                    action.put("translations", Map.of("ru", Map.of("subject", r.subjectRu(), "body", r.bodyRu())));
                }
            }
            case "set_status" -> action.put("value", r.status());
            case "set_priority" -> action.put("value", r.priority());
            case "set_group" -> action.put("value", number(r.group()));
            case "set_assignee" -> action.put("value", number(r.assignee()));
            case "add_tags", "remove_tags" -> action.put("value", list(r.tags()));
            case "add_note" -> action.put("body", r.body());
            case "webhook" -> {
                action.put("url", r.url());
                if (!r.body().isBlank()) {
                    action.put("body", r.body());
                }
            }
            default -> {
            }
        }
        return action;
    }

    /** The rows to show: the trigger's, and one empty row of each to add another. */
    public List<ConditionRow> conditionRows() {
        List<ConditionRow> rows = new ArrayList<>(conditions);
        rows.add(ConditionRow.EMPTY);
        return rows;
    }

    public List<ActionRow> actionRows() {
        List<ActionRow> rows = new ArrayList<>(actions);
        rows.add(ActionRow.EMPTY);
        return rows;
    }

    private static Object number(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String get(Map<String, String> values, String key) {
        String value = values.get(key);
        return value == null ? "" : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** For the list: a condition in words a person reads quickly. */
    static String describe(Condition c) {
        Object value = c.value() instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                : c.value();
        return c.field() + " " + c.operator().replace('_', ' ') + (value == null ? "" : " " + value);
    }
}
