package dev.switchboard.demo;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Provisioning;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.intake.InboundMessage;
import dev.switchboard.intake.Intake;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.CloseReason;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketChange;
import dev.switchboard.ticket.TicketFilter;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.PageQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code SWITCHBOARD_DEMO=true}: on a helpdesk with no tickets yet, seeds two organizations, agents in two
 * groups and a few dozen tickets in every status, all made through the same paths real work takes, so a
 * newcomer sees a living helpdesk with real history.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

    static final String AGENT_PASSWORD = "demo-password";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Actor SEEDER = Actor.system("demo-data");

    private record Request(String subject, String body, String from, Priority priority, String category,
                           List<String> tags, TicketStatus outcome) {
    }

    private static final List<Request> REQUESTS = List.of(
            new Request("Cannot sign in after password reset", "I reset my password this morning and now the login page says my account is locked.", "ines@northwind.example", Priority.HIGH, "account", List.of("login"), TicketStatus.NEW),
            new Request("Invoice INV-2291 charged twice", "Our card was charged twice for invoice INV-2291. Please refund one of them.", "kofi@globex.example", Priority.HIGH, "billing", List.of("refund"), TicketStatus.OPEN),
            new Request("Export to CSV times out", "Exporting last year's orders to CSV runs for a minute and then fails with a timeout.", "marta@northwind.example", Priority.NORMAL, "reports", List.of("export"), TicketStatus.IN_PROGRESS),
            new Request("Add two seats to our plan", "We hired two people; can you add two seats to our subscription?", "li@globex.example", Priority.LOW, "billing", List.of("seats"), TicketStatus.PENDING),
            new Request("Webhook deliveries failing with 401", "Since yesterday every webhook to our endpoint fails with 401.", "sam@northwind.example", Priority.CRITICAL, "integrations", List.of("webhooks"), TicketStatus.RESOLVED),
            new Request("How do I change the invoice address?", "Where can I change the billing address shown on invoices?", "eva@gmail.example", Priority.LOW, "billing", List.of(), TicketStatus.CLOSED),
            new Request("Mobile app crashes on start", "The Android app closes right after the splash screen on a Pixel 7.", "noah@globex.example", Priority.HIGH, "mobile", List.of("android", "crash"), TicketStatus.OPEN),
            new Request("Dark mode request", "Would love a dark mode for the dashboard.", "olga@northwind.example", Priority.LOW, "feedback", List.of("feature-request"), TicketStatus.NEW),
            new Request("SSO with Okta", "We want to set up single sign-on with Okta. Is SAML supported?", "raj@globex.example", Priority.NORMAL, "account", List.of("sso"), TicketStatus.IN_PROGRESS),
            new Request("Data retention question", "How long do you keep deleted records, and can we shorten it?", "ines@northwind.example", Priority.NORMAL, "security", List.of("gdpr"), TicketStatus.PENDING),
            new Request("API rate limit too low", "We keep hitting 429s during our nightly sync.", "tom@outlook.example", Priority.NORMAL, "integrations", List.of("api"), TicketStatus.RESOLVED),
            new Request("Wrong VAT number on invoice", "The VAT number on our last invoice is missing a digit.", "kofi@globex.example", Priority.NORMAL, "billing", List.of("vat"), TicketStatus.CLOSED),
            new Request("Search ignores accents", "Searching for 'Müller' does not find 'Muller'.", "marta@northwind.example", Priority.LOW, "search", List.of(), TicketStatus.OPEN),
            new Request("Calendar sync stopped", "Our Google calendar stopped syncing two days ago.", "li@globex.example", Priority.HIGH, "integrations", List.of("calendar"), TicketStatus.IN_PROGRESS),
            new Request("Cancel our trial", "Please cancel the trial; we went with another tool.", "zoe@proton.example", Priority.LOW, "billing", List.of("churn"), TicketStatus.RESOLVED),
            new Request("Report totals do not match", "The monthly report total differs from the sum of the rows by 12.40.", "sam@northwind.example", Priority.HIGH, "reports", List.of("accuracy"), TicketStatus.OPEN),
            new Request("Need a copy of the DPA", "Legal asks for your data processing agreement.", "raj@globex.example", Priority.NORMAL, "security", List.of("legal"), TicketStatus.PENDING),
            new Request("Bulk import fails on row 5012", "Importing contacts stops at row 5012 with 'invalid date'.", "olga@northwind.example", Priority.NORMAL, "import", List.of("import"), TicketStatus.NEW),
            new Request("Two-factor codes not arriving", "SMS codes for two-factor sign-in never arrive on my phone.", "tom@outlook.example", Priority.CRITICAL, "account", List.of("2fa"), TicketStatus.OPEN),
            new Request("Thank you!", "Just wanted to say the new dashboard is great.", "eva@gmail.example", Priority.LOW, "feedback", List.of(), TicketStatus.CLOSED),
            new Request("Printer labels misaligned", "Shipping labels print 5 mm too far to the left.", "noah@globex.example", Priority.NORMAL, "hardware", List.of("printing"), TicketStatus.IN_PROGRESS),
            new Request("Can't upload files larger than 10 MB", "Uploads over 10 MB fail silently.", "marta@northwind.example", Priority.NORMAL, "files", List.of("upload"), TicketStatus.NEW),
            new Request("Timezone wrong in reports", "Reports show times in UTC instead of Europe/Berlin.", "ines@northwind.example", Priority.LOW, "reports", List.of("timezone"), TicketStatus.RESOLVED),
            new Request("Spam: cheap watches", "Best replica watches, visit our shop.", "offers@spam.example", Priority.LOW, null, List.of(), TicketStatus.CLOSED),
            new Request("Permission denied on shared folder", "Colleagues get 'permission denied' on the shared Projects folder.", "li@globex.example", Priority.HIGH, "account", List.of("permissions"), TicketStatus.OPEN),
            new Request("Slow dashboard in the morning", "Between 8 and 9 am the dashboard takes 20 seconds to load.", "sam@northwind.example", Priority.NORMAL, "performance", List.of(), TicketStatus.PENDING),
            new Request("Remove former employee", "Please remove j.doe from our account; she left the company.", "kofi@globex.example", Priority.NORMAL, "account", List.of("offboarding"), TicketStatus.RESOLVED),
            new Request("Zapier integration missing fields", "The Zapier trigger does not include the custom fields.", "tom@outlook.example", Priority.LOW, "integrations", List.of("zapier"), TicketStatus.NEW),
            new Request("Password policy for our team", "Can we require 14-character passwords for our organization?", "raj@globex.example", Priority.NORMAL, "security", List.of(), TicketStatus.IN_PROGRESS),
            new Request("Order #88123 not delivered", "Tracking shows delivered but nothing arrived.", "zoe@proton.example", Priority.HIGH, "orders", List.of("shipping"), TicketStatus.OPEN),
            new Request("Duplicate: cannot sign in", "Same as my earlier request, still locked out.", "ines@northwind.example", Priority.HIGH, "account", List.of(), TicketStatus.CLOSED),
            new Request("Training session for new staff", "Could you run a one-hour onboarding call for five new agents?", "olga@northwind.example", Priority.LOW, "services", List.of("training"), TicketStatus.PENDING));

    private final Provisioning provisioning;
    private final UserDirectory directory;
    private final Intake intake;
    private final Tickets tickets;
    private final boolean enabled;

    DemoData(Provisioning provisioning, UserDirectory directory, Intake intake, Tickets tickets,
             @Value("${switchboard.demo:false}") boolean enabled) {
        this.provisioning = provisioning;
        this.directory = directory;
        this.intake = intake;
        this.tickets = tickets;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !tickets.list(TicketFilter.any(), PageQuery.of(1, null), SEEDER).items().isEmpty()) {
            return;
        }
        provisioning.createOrganization(SEEDER, "Northwind Traders", List.of("northwind.example"), true);
        provisioning.createOrganization(SEEDER, "Globex Corporation", List.of("globex.example"), false);
        long alice = provisioning.createUser(SEEDER, "Alice Moreau", "alice@demo.switchboard.local", Role.AGENT, null, AGENT_PASSWORD);
        long bruno = provisioning.createUser(SEEDER, "Bruno Silva", "bruno@demo.switchboard.local", Role.AGENT, null, AGENT_PASSWORD);
        long chen = provisioning.createUser(SEEDER, "Chen Wei", "chen@demo.switchboard.local", Role.AGENT, null, AGENT_PASSWORD);
        long support = provisioning.createGroup(SEEDER, "Support", List.of(alice, bruno));
        long billing = provisioning.createGroup(SEEDER, "Billing", List.of(chen));
        List<Long> agents = List.of(alice, bruno, chen);

        for (int i = 0; i < REQUESTS.size(); i++) {
            Request r = REQUESTS.get(i);
            String name = Character.toUpperCase(r.from().charAt(0)) + r.from().substring(1, r.from().indexOf('@'));
            long id = intake.receive(new InboundMessage(i % 3 == 0 ? Channel.EMAIL : i % 3 == 1 ? Channel.WEB : Channel.API,
                    r.from(), name, r.subject(), r.body(), null, r.priority(), r.category(), Set.copyOf(r.tags())),
                    SEEDER).ticketId();
            long agentId = agents.get(i % agents.size());
            Actor agent = directory.actorFor(agentId);
            Actor requester = directory.actorFor(tickets.get(id, SEEDER).requester().id());
            playOut(id, r, agent, requester, "billing".equals(r.category()) ? billing : support);
        }
        log.info("Demo data: {} tickets; agents alice@, bruno@ and chen@demo.switchboard.local sign in with the password '{}'",
                REQUESTS.size(), AGENT_PASSWORD);
    }

    /** Moves a ticket to its demo outcome the way agents and customers would. */
    private void playOut(long id, Request r, Actor agent, Actor requester, long group) {
        if (r.outcome() == TicketStatus.NEW) {
            return;
        }
        change(id, agent, null, null, Optional.of(agent.userId()), Optional.of(group));
        tickets.post(id, NewMessage.reply("Hi " + requester.name() + ", thanks for writing in. I'm looking into this now."), agent);
        switch (r.outcome()) {
            case IN_PROGRESS -> {
                change(id, agent, TicketStatus.IN_PROGRESS, null, null, null);
                tickets.post(id, NewMessage.note("Reproduced on staging; checking the logs."), agent);
            }
            case PENDING -> {
                tickets.post(id, NewMessage.reply("Could you send us a screenshot or the exact time it happened?"), agent);
                change(id, agent, TicketStatus.PENDING, null, null, null);
            }
            case RESOLVED -> {
                tickets.post(id, NewMessage.reply("This is fixed now. Let us know if anything else comes up."), agent);
                change(id, agent, TicketStatus.RESOLVED, null, null, null);
            }
            case CLOSED -> {
                if (r.subject().startsWith("Spam") || r.subject().startsWith("Duplicate")) {
                    change(id, agent, TicketStatus.CLOSED, r.subject().startsWith("Spam") ? CloseReason.SPAM : CloseReason.DUPLICATE, null, null);
                } else {
                    change(id, agent, TicketStatus.RESOLVED, null, null, null);
                    change(id, agent, TicketStatus.CLOSED, null, null, null);
                }
            }
            default -> {
                // OPEN: the agent's reply already opened it. The reopened example resolves, then the customer answers.
                if (r.tags().contains("accuracy")) {
                    change(id, agent, TicketStatus.RESOLVED, null, null, null);
                    tickets.post(id, NewMessage.reply("Sorry, the totals are still off in this month's report."), requester);
                }
            }
        }
    }

    private void change(long id, Actor agent, TicketStatus status, CloseReason reason, Optional<Long> assignee,
                        Optional<Long> group) {
        TicketView ticket = tickets.get(id, agent);
        tickets.change(id, new TicketChange(ticket.version(), false, status, reason, null, assignee, group, null, null), agent);
    }
}
