package dev.switchboard.automation.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Tags;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.InvalidRequest.FieldProblem;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One thing a trigger does. {@code send_email}: to the {@code requester}, the {@code assignee} or an
 * {@code address}, a {@code subject} and {@code body} template, with {@code translations} by language
 * ({@code {"ru": {"subject", "body"}}}) used for recipients who read that language. {@code set_status},
 * {@code set_priority}, {@code set_group}, {@code set_assignee} (a {@code value}; null clears the last two),
 * {@code add_tags}, {@code remove_tags} (a list), {@code add_note} (an internal note, a {@code body} template),
 * {@code webhook} (a {@code url}, and an optional JSON {@code body} template; POST, signed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TriggerAction(String type, Object value, String to, String address, String subject, String body,
                     Map<String, Wording> translations, String url) {

    static final int MAX_SUBJECT = 300;
    static final int MAX_BODY = 20_000;
    static final List<String> RECIPIENTS = List.of("requester", "assignee", "address");
    /** The languages an email may be written in besides its main text. */
    static final List<String> LANGUAGES = List.of("en", "ru");
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");

    /** An email's subject and body in one language. */
    record Wording(String subject, String body) {
    }

    enum Type {
        SEND_EMAIL("to", "address", "subject", "body", "translations"),
        SET_STATUS("value"), SET_PRIORITY("value"), SET_GROUP("value"), SET_ASSIGNEE("value"),
        ADD_TAGS("value"), REMOVE_TAGS("value"),
        ADD_NOTE("body"),
        WEBHOOK("url", "body");

        private final List<String> properties;

        Type(String... properties) {
            this.properties = List.of(properties);
        }

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type of(Object code) {
            return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst().orElse(null);
        }

        static List<String> codes() {
            return Arrays.stream(values()).map(Type::code).toList();
        }

        /** Whether it changes the ticket's fields (these are applied together, before messages and calls). */
        boolean changesFields() {
            return this != SEND_EMAIL && this != ADD_NOTE && this != WEBHOOK;
        }
    }

    Type kind() {
        return Type.of(type);
    }

    /** The wording for a reader of this language: its translation when there is one, else the main text. */
    Wording wordingFor(String language) {
        Wording translated = translations == null ? null : translations.get(language);
        return translated != null ? translated : new Wording(subject, body);
    }

    /**
     * Checks an action as a client wrote it: groups and agents must exist, templates must render, a webhook's
     * address must be one Switchboard may call. Problems are added under {@code where}; then the answer is null.
     */
    static TriggerAction parse(Object raw, String where, UserDirectory directory, WebhookAddresses addresses,
                               List<FieldProblem> problems) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(new FieldProblem(where, "must be an object with a type"));
            return null;
        }
        Type type = Type.of(map.get("type"));
        if (type == null) {
            problems.add(new FieldProblem(where + ".type", "unknown action '" + map.get("type") + "'; allowed: "
                    + String.join(", ", Type.codes())));
            return null;
        }
        int before = problems.size();
        for (Object key : map.keySet()) {
            if (!"type".equals(key) && !type.properties.contains(key)) {
                problems.add(new FieldProblem(where + "." + key, "unknown property; a " + type.code() + " action has "
                        + String.join(", ", type.properties)));
            }
        }
        Object value = map.get("value");
        String at = where + ".value";
        TriggerAction action = switch (type) {
            case SEND_EMAIL -> email(map, where, problems);
            case SET_STATUS -> {
                TicketStatus status = parsed(() -> TicketStatus.parse(at, String.valueOf(value)), at, problems);
                if (status == TicketStatus.NEW) {
                    problems.add(new FieldProblem(at, "a ticket cannot be moved back to new"));
                    yield null;
                }
                yield status == null ? null : simple(type, status.code());
            }
            case SET_PRIORITY -> {
                Priority priority = parsed(() -> Priority.parse(at, String.valueOf(value)), at, problems);
                yield priority == null ? null : simple(type, priority.code());
            }
            case SET_GROUP -> {
                if (value != null && !(value instanceof Number n && directory.groupExists(n.longValue()))) {
                    problems.add(new FieldProblem(at, "no group " + value));
                    yield null;
                }
                yield simple(type, value == null ? null : ((Number) value).longValue());
            }
            case SET_ASSIGNEE -> {
                UserSummary agent = value instanceof Number n ? directory.findUser(n.longValue()).orElse(null) : null;
                if (value != null && (agent == null || !agent.role().isStaff() || !agent.active())) {
                    problems.add(new FieldProblem(at, "user " + value + " is not an active agent or admin"));
                    yield null;
                }
                yield simple(type, agent == null ? null : agent.id());
            }
            case ADD_TAGS, REMOVE_TAGS -> {
                List<?> list = value instanceof List<?> l ? l : value instanceof String s ? List.of(s) : null;
                if (list == null || list.isEmpty() || !list.stream().allMatch(String.class::isInstance)) {
                    problems.add(new FieldProblem(at, "must be a non-empty list of tags"));
                    yield null;
                }
                List<String> tags = parsed(() -> List.copyOf(Tags.normalize(at, list.stream().map(String.class::cast)
                        .toList())), at, problems);
                yield tags == null ? null : simple(type, tags);
            }
            case ADD_NOTE -> {
                String body = template(map.get("body"), where + ".body", MAX_BODY, problems);
                yield body == null ? null : new TriggerAction(type.code(), null, null, null, null, body, null, null);
            }
            case WEBHOOK -> webhook(map, where, addresses, problems);
        };
        return problems.size() == before ? action : null;
    }

    private static TriggerAction email(Map<?, ?> map, String where, List<FieldProblem> problems) {
        Object to = map.get("to");
        if (!RECIPIENTS.contains(to)) {
            problems.add(new FieldProblem(where + ".to", "must be one of " + String.join(", ", RECIPIENTS)));
        }
        String address = null;
        if ("address".equals(to)) {
            address = map.get("address") instanceof String s ? s.strip() : null;
            if (address == null || address.length() > 320 || !ADDRESS.matcher(address).matches()) {
                problems.add(new FieldProblem(where + ".address", "must be an email address"));
            }
        } else if (map.get("address") != null) {
            problems.add(new FieldProblem(where + ".address", "only for \"to\": \"address\""));
        }
        String subject = template(map.get("subject"), where + ".subject", MAX_SUBJECT, problems);
        String body = template(map.get("body"), where + ".body", MAX_BODY, problems);
        Map<String, Wording> translations = null;
        Object rawTranslations = map.get("translations");
        if (rawTranslations instanceof Map<?, ?> byLanguage && !byLanguage.isEmpty()) {
            translations = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : byLanguage.entrySet()) {
                String at = where + ".translations." + entry.getKey();
                if (!LANGUAGES.contains(entry.getKey())) {
                    problems.add(new FieldProblem(at, "unknown language; allowed: " + String.join(", ", LANGUAGES)));
                } else if (!(entry.getValue() instanceof Map<?, ?> wording)) {
                    problems.add(new FieldProblem(at, "must be an object with subject and body"));
                } else {
                    for (Object key : wording.keySet()) {
                        if (!List.of("subject", "body").contains(key)) {
                            problems.add(new FieldProblem(at + "." + key, "unknown property; a translation has subject and body"));
                        }
                    }
                    translations.put((String) entry.getKey(), new Wording(
                            template(wording.get("subject"), at + ".subject", MAX_SUBJECT, problems),
                            template(wording.get("body"), at + ".body", MAX_BODY, problems)));
                }
            }
        } else if (rawTranslations != null && !(rawTranslations instanceof Map<?, ?>)) {
            problems.add(new FieldProblem(where + ".translations", "must be an object by language: {\"ru\": {\"subject\", \"body\"}}"));
        }
        return new TriggerAction(Type.SEND_EMAIL.code(), null, (String) (to instanceof String ? to : null), address,
                subject, body, translations, null);
    }

    private static TriggerAction webhook(Map<?, ?> map, String where, WebhookAddresses addresses,
                                         List<FieldProblem> problems) {
        String url = map.get("url") instanceof String s ? s.strip() : null;
        String problem = url == null || url.isEmpty() ? "required: the address to POST to" : addresses.problemWith(url);
        if (problem != null) {
            problems.add(new FieldProblem(where + ".url", problem));
        }
        String body = null;
        Object rawBody = map.get("body");
        if (rawBody instanceof String s && !s.isBlank()) {
            body = s;
            String bodyProblem = s.length() > MAX_BODY ? "at most " + MAX_BODY + " characters" : WebhookBody.problemWith(s);
            if (bodyProblem != null) {
                problems.add(new FieldProblem(where + ".body", bodyProblem));
            }
        } else if (rawBody != null && !(rawBody instanceof String)) {
            problems.add(new FieldProblem(where + ".body", "must be a JSON template (text), or left out for the standard body"));
        }
        return new TriggerAction(Type.WEBHOOK.code(), null, null, null, null, body, null, url);
    }

    /** A template of 1 to {@code max} characters with the macro placeholders, or null with the problem added. */
    private static String template(Object raw, String where, int max, List<FieldProblem> problems) {
        String text = raw instanceof String s ? s : null;
        if (text == null || text.isBlank() || text.length() > max) {
            problems.add(new FieldProblem(where, "must be a template of 1 to " + max + " characters"));
            return null;
        }
        String problem = MacroTemplate.problemWith(text);
        if (problem != null) {
            problems.add(new FieldProblem(where, problem));
            return null;
        }
        return text;
    }

    private static TriggerAction simple(Type type, Object value) {
        return new TriggerAction(type.code(), value, null, null, null, null, null, null);
    }

    private interface Parse<T> {
        T run();
    }

    /** Runs one of the ticket module's parsers, turning its refusal into a problem of this action. */
    private static <T> T parsed(Parse<T> parse, String at, List<FieldProblem> problems) {
        try {
            return parse.run();
        } catch (InvalidRequest e) {
            String detail = e.getBody().getDetail();
            problems.add(new FieldProblem(at, detail == null ? "not acceptable"
                    : detail.replaceFirst("^" + Pattern.quote(at) + ": ", "")));
            return null;
        }
    }

    /** A short description for the admin page and the run record: {@code set_status pending}. */
    public String summary() {
        return switch (kind()) {
            case SEND_EMAIL -> "send_email to " + ("address".equals(to) ? address : to);
            case ADD_NOTE -> "add_note";
            case WEBHOOK -> "webhook " + url;
            case ADD_TAGS, REMOVE_TAGS -> type + " " + ((List<?>) value).stream().map(String::valueOf)
                    .collect(Collectors.joining(", "));
            default -> type + " " + (value == null ? "none" : value);
        };
    }
}
