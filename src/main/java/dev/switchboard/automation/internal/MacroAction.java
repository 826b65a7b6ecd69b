package dev.switchboard.automation.internal;

import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Tags;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One step of a macro: {@code reply} or {@code note} with a {@code body} template, or {@code set_status},
 * {@code set_priority}, {@code set_group}, {@code set_assignee} (a {@code value}; null for the latter two
 * clears), {@code add_tags}, {@code remove_tags} (a list).
 */
record MacroAction(String type, String body, Object value) {

    enum Type {
        REPLY, NOTE, SET_STATUS, SET_PRIORITY, SET_GROUP, SET_ASSIGNEE, ADD_TAGS, REMOVE_TAGS;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type of(Object code) {
            return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst().orElse(null);
        }

        static String allowed() {
            return Arrays.stream(values()).map(Type::code).collect(Collectors.joining(", "));
        }
    }

    Type kind() {
        return Type.of(type);
    }

    static MacroAction parse(Object raw, String where, UserDirectory directory, List<FieldProblem> problems) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(new FieldProblem(where, "must be an object with type and body or value"));
            return null;
        }
        for (Object key : map.keySet()) {
            if (!List.of("type", "body", "value").contains(key)) {
                problems.add(new FieldProblem(where + "." + key, "unknown property; an action has type and body or value"));
            }
        }
        Type type = Type.of(map.get("type"));
        if (type == null) {
            problems.add(new FieldProblem(where + ".type", "unknown action '" + map.get("type") + "'; allowed: " + Type.allowed()));
            return null;
        }
        Object value = map.get("value");
        String at = where + ".value";
        try {
            return switch (type) {
                case REPLY, NOTE -> {
                    String body = map.get("body") instanceof String s ? s : null;
                    String problem = body == null || body.isBlank() || body.length() > 20_000
                            ? "must be a template of 1 to 20000 characters" : MacroTemplate.problemWith(body);
                    if (problem != null) {
                        problems.add(new FieldProblem(where + ".body", problem));
                        yield null;
                    }
                    yield new MacroAction(type.code(), body, null);
                }
                case SET_STATUS -> new MacroAction(type.code(), null, TicketStatus.parse(at, String.valueOf(value)).code());
                case SET_PRIORITY -> new MacroAction(type.code(), null, Priority.parse(at, String.valueOf(value)).code());
                case SET_GROUP -> {
                    if (value != null && !(value instanceof Number n && directory.groupExists(n.longValue()))) {
                        problems.add(new FieldProblem(at, "no group " + value));
                        yield null;
                    }
                    yield new MacroAction(type.code(), null, value == null ? null : ((Number) value).longValue());
                }
                case SET_ASSIGNEE -> {
                    UserSummary agent = value instanceof Number n ? directory.findUser(n.longValue()).orElse(null) : null;
                    if (value != null && (agent == null || !agent.role().isStaff() || !agent.active())) {
                        problems.add(new FieldProblem(at, "user " + value + " is not an active agent or admin"));
                        yield null;
                    }
                    yield new MacroAction(type.code(), null, agent == null ? null : agent.id());
                }
                case ADD_TAGS, REMOVE_TAGS -> {
                    List<?> list = value instanceof List<?> l ? l : value instanceof String s ? List.of(s) : null;
                    if (list == null || list.isEmpty() || !list.stream().allMatch(String.class::isInstance)) {
                        problems.add(new FieldProblem(at, "must be a non-empty list of tags"));
                        yield null;
                    }
                    yield new MacroAction(type.code(), null,
                            List.copyOf(Tags.normalize(at, list.stream().map(String.class::cast).toList())));
                }
            };
        } catch (InvalidRequest e) {
            problems.add(new FieldProblem(at, e.getBody().getDetail() == null ? "not acceptable"
                    : e.getBody().getDetail().replaceFirst("^" + java.util.regex.Pattern.quote(at) + ": ", "")));
            return null;
        }
    }

    /** The group or agent this action names, for showing their name; null otherwise (or when it clears). */
    public Long targetId() {
        Type kind = kind();
        return (kind == Type.SET_GROUP || kind == Type.SET_ASSIGNEE) && value instanceof Number n ? n.longValue() : null;
    }

    /** The value as a person reads it: tags comma-separated, nothing for a clearing action. */
    public String valueText() {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : String.valueOf(value);
    }
}
