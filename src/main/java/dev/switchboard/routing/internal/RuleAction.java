package dev.switchboard.routing.internal;

import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Tags;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a matching rule does: {@code set_group} (a group id), {@code assign} (an agent id, such as an
 * organization's account manager), {@code set_priority}, {@code set_category}, {@code add_tags} (a list).
 */
record RuleAction(String type, Object value) {

    enum Type {
        SET_GROUP, ASSIGN, SET_PRIORITY, SET_CATEGORY, ADD_TAGS;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type of(String code) {
            return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst().orElse(null);
        }

        static String allowed() {
            return Arrays.stream(values()).map(Type::code).collect(Collectors.joining(", "));
        }
    }

    /** Checks an action as a client wrote it (groups and agents must exist), and answers its stored form. */
    static RuleAction parse(Object raw, String where, UserDirectory directory, List<FieldProblem> problems) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(new FieldProblem(where, "must be an object with type and value"));
            return null;
        }
        for (Object key : map.keySet()) {
            if (!List.of("type", "value").contains(key)) {
                problems.add(new FieldProblem(where + "." + key, "unknown property; an action has type and value"));
            }
        }
        Type type = map.get("type") instanceof String s ? Type.of(s) : null;
        if (type == null) {
            problems.add(new FieldProblem(where + ".type", "unknown action '" + map.get("type") + "'; allowed: "
                    + Type.allowed()));
            return null;
        }
        Object value = map.get("value");
        String at = where + ".value";
        switch (type) {
            case SET_GROUP -> {
                if (!(value instanceof Number n) || !directory.groupExists(n.longValue())) {
                    problems.add(new FieldProblem(at, value == null ? "required: the id of a group" : "no group " + value));
                    return null;
                }
                return new RuleAction(type.code(), n.longValue());
            }
            case ASSIGN -> {
                UserSummary agent = value instanceof Number n ? directory.findUser(n.longValue()).orElse(null) : null;
                if (agent == null || !agent.role().isStaff() || !agent.active()) {
                    problems.add(new FieldProblem(at, value == null ? "required: the id of an agent"
                            : "user " + value + " is not an active agent or admin"));
                    return null;
                }
                return new RuleAction(type.code(), agent.id());
            }
            case SET_PRIORITY -> {
                if (value == null) {
                    problems.add(new FieldProblem(at, "required: low, normal, high or critical"));
                    return null;
                }
                try {
                    return new RuleAction(type.code(), Priority.parse(at, String.valueOf(value)).code());
                } catch (InvalidRequest e) {
                    problems.add(new FieldProblem(at, "unknown priority '" + value + "'; allowed: low, normal, high, critical"));
                    return null;
                }
            }
            case SET_CATEGORY -> {
                if (!(value instanceof String s) || s.isBlank() || s.length() > 100) {
                    problems.add(new FieldProblem(at, "must be a category name of 1 to 100 characters"));
                    return null;
                }
                return new RuleAction(type.code(), s.strip());
            }
            case ADD_TAGS -> {
                List<?> list = value instanceof List<?> l ? l : value instanceof String s ? List.of(s) : null;
                if (list == null || list.isEmpty() || !list.stream().allMatch(String.class::isInstance)) {
                    problems.add(new FieldProblem(at, "must be a non-empty list of tags"));
                    return null;
                }
                try {
                    return new RuleAction(type.code(), List.copyOf(Tags.normalize(at, list.stream().map(String.class::cast).toList())));
                } catch (InvalidRequest e) {
                    problems.add(new FieldProblem(at, "tags are 1 to 64 letters, digits, or _ - . :"));
                    return null;
                }
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    /** The group or agent this action names, for showing their name; null for other actions. */
    public Long targetId() {
        Type kind = Type.of(type);
        return (kind == Type.SET_GROUP || kind == Type.ASSIGN) && value instanceof Number n ? n.longValue() : null;
    }

    /** The value as a person reads it: tags comma-separated. */
    public String valueText() {
        return value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    RoutedTicket applyTo(RoutedTicket ticket) {
        return switch (Type.of(type)) {
            case SET_GROUP -> ticket.withGroup(((Number) value).longValue());
            case ASSIGN -> ticket.withAssignee(((Number) value).longValue());
            case SET_PRIORITY -> ticket.withPriority((String) value);
            case SET_CATEGORY -> ticket.withCategory((String) value);
            case ADD_TAGS -> ticket.withTags(((List<?>) value).stream().map(String::valueOf).toList());
        };
    }
}
