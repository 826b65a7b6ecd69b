package dev.switchboard.notification.internal;

import com.samskivert.mustache.MustacheException;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.notification.OutboundMessage;
import dev.switchboard.notification.Outbox;
import dev.switchboard.notification.OwnAddresses;
import dev.switchboard.ticket.AttachmentView;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.TicketView;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns a notification for one person into an outbox item: the template in their language, filled in,
 * written in the transaction of the change that caused it. Mail goes out by email, since every person in
 * Switchboard has an address.
 */
@Component
class Notifier {

    /** How the notification rules read tickets and messages: as the system, which sees everything. */
    static final Actor READER = Actor.system("notifications");
    static final String CHANNEL = "email";
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final Outbox outbox;
    private final NotificationTemplates templates;
    private final List<OwnAddresses> ownAddresses;
    private final String baseUrl;
    private final NotificationSwitches switches;

    Notifier(Outbox outbox, NotificationTemplates templates, List<OwnAddresses> ownAddresses,
             NotificationSwitches switches, @Value("${switchboard.base-url:http://localhost:8080}") String baseUrl) {
        this.switches = switches;
        this.outbox = outbox;
        this.templates = templates;
        this.ownAddresses = ownAddresses;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Whether the address is one of our own mailboxes: mail to it would come back in as a request. */
    boolean isOurs(String address) {
        return ownAddresses.stream().anyMatch(own -> own.isOurs(address));
    }

    /**
     * Queues the notification for the recipient, unless they are inactive, their address is ours, or an admin
     * turned this notification off.
     *
     * @param agentName who acted, for {@code {{agent.name}}}; may be null
     * @param message   the reply being mailed, or null
     */
    /** Mail about a person's own account (a sign-up, sign-in or reset link): no ticket, no threading. */
    void sendAccountMail(TemplateKey key, String email, String name, String locale, String url) {
        if (email == null || isOurs(email)) {
            return;
        }
        String language = NotificationTemplates.localeFor(locale);
        java.util.Map<String, Object> model = new java.util.HashMap<>();
        model.put("recipient", java.util.Map.of("name", name == null ? "" : name));
        model.put("link", java.util.Map.of("url", url));
        NotificationTemplates.Rendered mail = templates.render(key, language, model);
        outbox.add(new OutboundMessage(CHANNEL, email, mail.subject(), mail.text(), mail.html(), null, null, key.kind()));
    }

    void send(TemplateKey key, UserSummary recipient, TicketView ticket, String agentName, MessageView message) {
        send(key, recipient, ticket, agentName, message, OptionalInt.empty());
    }

    /** @param hourlyCap for an automatic mail: at most this many of its kind an hour go to the recipient */
    void send(TemplateKey key, UserSummary recipient, TicketView ticket, String agentName, MessageView message,
              OptionalInt hourlyCap) {
        if (!recipient.active() || recipient.email() == null || isOurs(recipient.email()) || !switches.isOn(key)) {
            return;
        }
        if (message != null && message.internal()) { // the rules never pass a note; should one ever, it stays in
            log.error("Internal note {} on ticket #{} was about to be mailed; refused", message.id(), ticket.id());
            return;
        }
        String locale = NotificationTemplates.localeFor(recipient.locale());
        NotificationTemplates.Rendered mail;
        try {
            mail = templates.render(key, locale, TemplateModel.of(ticket, recipient, locale, baseUrl, agentName, message));
        } catch (MustacheException e) { // templates are checked when saved; never let one block the ticket's change
            log.error("Notification {} for ticket #{} not sent: its {} template does not render", key.code(),
                    ticket.id(), locale, e);
            return;
        }
        // a reply's files go with it, by reference: the channel reads them when it delivers
        List<Long> files = message == null || message.attachments() == null ? List.of()
                : message.attachments().stream().map(AttachmentView::id).toList();
        OutboundMessage item = new OutboundMessage(CHANNEL, recipient.email(), mail.subject(), mail.text(), mail.html(),
                ticket.id(), message == null ? null : message.id(), key.kind(), files);
        if (hourlyCap.isPresent()) {
            outbox.addWithinHourlyCap(item, hourlyCap.getAsInt());
        } else if (files.isEmpty()) {
            outbox.add(item);
        } else {
            outbox.enqueue(item);
        }
    }
}
