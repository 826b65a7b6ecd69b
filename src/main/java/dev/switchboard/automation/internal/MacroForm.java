package dev.switchboard.automation.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * A macro as its page's form shows and sends it. Each action is a row sending {@code action_type},
 * {@code action_body} and {@code action_value} (the one it does not use empty), in the order they stand on the
 * page, so rows can be added and removed freely. Tags are written comma-separated; an empty group or assignee
 * clears it.
 */
record MacroForm(Long id, String name, boolean shared, List<Row> actions) {

    record Row(String type, String body, String value) {
    }

    static final List<String> TYPES = Arrays.stream(MacroAction.Type.values()).map(MacroAction.Type::code).toList();

    static MacroForm blank() {
        return new MacroForm(null, "", false, List.of(new Row(MacroAction.Type.REPLY.code(), "", "")));
    }

    static MacroForm of(Macro macro) {
        return new MacroForm(macro.id(), macro.name(), macro.shared(), macro.actions().stream()
                .map(a -> new Row(a.type(), a.body() == null ? "" : a.body(), a.valueText())).toList());
    }

    static MacroForm from(Long id, boolean shared, MultiValueMap<String, String> params) {
        List<String> types = values(params, "action_type");
        List<String> bodies = values(params, "action_body");
        List<String> actionValues = values(params, "action_value");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            rows.add(new Row(types.get(i), at(bodies, i), at(actionValues, i)));
        }
        String name = params.getFirst("name");
        return new MacroForm(id, name == null ? "" : name, shared, rows);
    }

    /** The macro as the API writes it; the macros' own checks then decide whether it can be saved. */
    Macros.Draft draft(boolean withShared) {
        List<Object> list = new ArrayList<>();
        for (Row row : actions) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("type", row.type());
            MacroAction.Type type = MacroAction.Type.of(row.type());
            if (type == MacroAction.Type.REPLY || type == MacroAction.Type.NOTE) {
                action.put("body", row.body());
            } else {
                action.put("value", value(type, row.value()));
            }
            list.add(action);
        }
        return new Macros.Draft(name, withShared ? shared : null, list);
    }

    private static Object value(MacroAction.Type type, String text) {
        String value = text == null || text.isBlank() ? null : text.strip();
        if (type == null) {
            return value;
        }
        return switch (type) {
            case SET_GROUP, SET_ASSIGNEE -> {
                if (value == null) {
                    yield null;
                }
                try {
                    yield Long.parseLong(value);
                } catch (NumberFormatException e) {
                    yield value;
                }
            }
            case ADD_TAGS, REMOVE_TAGS -> value == null ? null
                    : Arrays.stream(value.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
            default -> value;
        };
    }

    private static List<String> values(MultiValueMap<String, String> params, String name) {
        List<String> values = params.get(name);
        return values == null ? List.of() : values;
    }

    private static String at(List<String> values, int i) {
        return i < values.size() ? values.get(i) : "";
    }
}
