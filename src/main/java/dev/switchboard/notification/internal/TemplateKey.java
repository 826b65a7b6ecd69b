package dev.switchboard.notification.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The notifications Switchboard sends, each with the placeholders its templates may use. A placeholder a
 * template may not use is refused when an admin saves it, rather than silently rendering as nothing.
 */
enum TemplateKey {
    TICKET_CREATED("ticket_created"),
    TICKET_ASSIGNED("ticket_assigned", "agent.name"),
    TICKET_PENDING("ticket_pending", "agent.name"),
    TICKET_RESOLVED("ticket_resolved", "agent.name"),
    AGENT_REPLY("reply", "agent.name", "message.text", "message.html"),
    ACCOUNT_VERIFY("account_verify", false, "link.url"),
    ACCOUNT_SIGNIN("account_signin", false, "link.url"),
    ACCOUNT_RESET("account_reset", false, "link.url");

    private final String kind;
    private final Set<String> placeholders;

    TemplateKey(String kind, String... extra) {
        this(kind, true, extra);
    }

    /** {@code aboutTicket}: false for mail about a person's account, which knows no ticket. */
    TemplateKey(String kind, boolean aboutTicket, String... extra) {
        this.kind = kind;
        Set<String> all = new HashSet<>(aboutTicket ? Common.PLACEHOLDERS : Set.of("recipient.name"));
        all.addAll(Arrays.asList(extra));
        this.placeholders = Set.copyOf(all);
    }

    /** How the template is named in the API and on the classpath, e.g. {@code ticket_created}. */
    public String code() { // public: page templates read it
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outbox item's kind: {@code reply} for agent replies, else the template's name. */
    String kind() {
        return kind;
    }

    /**
     * Whether admins may turn this notification off. The automatic ones about a ticket may be (a trigger can
     * say it instead); an agent's reply is the conversation itself, and account mail is how people sign in.
     */
    boolean switchable() {
        return this == TICKET_CREATED || this == TICKET_ASSIGNED || this == TICKET_PENDING || this == TICKET_RESOLVED;
    }

    Set<String> placeholders() {
        return placeholders;
    }

    /** Placeholders in a stable order, for the API. */
    List<String> placeholderList() {
        return placeholders.stream().sorted().toList();
    }

    static Optional<TemplateKey> ofCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }

    /** What every notification's templates may use (a holder class: enum constants cannot read their own statics). */
    private static final class Common {
        static final Set<String> PLACEHOLDERS = Set.of("ticket.id", "ticket.subject", "ticket.status",
                "ticket.priority", "ticket.url", "requester.name", "requester.email", "recipient.name");
    }
}
