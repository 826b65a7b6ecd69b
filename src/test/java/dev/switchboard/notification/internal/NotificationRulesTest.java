package dev.switchboard.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.identity.Actor;
import dev.switchboard.intake.InboundMessage;
import dev.switchboard.intake.Intake;
import dev.switchboard.support.Api;
import dev.switchboard.ticket.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What each ticket event puts in the outbox, read back through the admin's outbox API. Scheduling is off,
 * so nothing is delivered here: these tests look at what would be sent, to whom, in which language.
 */
class NotificationRulesTest extends IntegrationTest {

    @Autowired
    Intake intake;

    @Test
    void requesterGetsAConfirmationInTheirLanguageWithTheTicketNumber() {
        String address = email("anya");
        Api customer = newUser("customer", null, address);
        assertThat(customer.patch("/api/v1/users/me", Map.of("locale", "ru")).status()).isEqualTo(200);

        long id = openTicket(customer, null, "Принтер <горит> & дымит").id();

        JsonNode mail = single(items(id, "ticket_created"));
        assertThat(mail.get("recipient").asString()).isEqualTo(address);
        assertThat(mail.get("channel").asString()).isEqualTo("email");
        assertThat(mail.get("status").asString()).isEqualTo("pending");
        assertThat(mail.get("subject").asString()).isEqualTo("Ваше обращение получено: Принтер <горит> & дымит");
        assertThat(mail.get("text").asString()).contains("Здравствуйте", "#" + id, "«Принтер <горит> & дымит»",
                "http://localhost:8080/tickets/" + id);
        assertThat(mail.get("html").asString()).contains("Принтер &lt;горит&gt; &amp; дымит").doesNotContain("<горит>");
    }

    @Test
    void noConfirmationForMachineWrittenRequestsOrOurOwnAddress() {
        long automatic = intake.receive(new InboundMessage(Channel.EMAIL, email("robot"), "Robot", "Out of office",
                "I am away", null, null, null, Set.of(), null, true, List.of(), Set.of()), Actor.system("test")).ticketId();
        long fromUs = openTicket(newUser("agent"), "Support@Switchboard.local", "Bounce from ourselves").id();
        long person = openTicket(newUser("agent"), email("person"), "Written by a person").id();

        assertThat(items(automatic, "ticket_created")).isEmpty();
        assertThat(items(fromUs, "ticket_created")).isEmpty();
        assertThat(items(person, "ticket_created")).hasSize(1);
    }

    @Test
    void aSixthConfirmationInAnHourIsHeldWhereAdminsSeeWhyAndMaySendIt() {
        Api agent = newUser("agent");
        String address = email("flood");
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tickets.add(openTicket(agent, address, "Request " + i).id());
            clock.advance(Duration.ofMinutes(5));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(single(items(tickets.get(i), "ticket_created")).get("status").asString()).as("ticket " + i)
                    .isEqualTo("pending");
        }
        JsonNode held = single(items(tickets.get(5), "ticket_created"));
        assertThat(held.get("status").asString()).isEqualTo("held");
        assertThat(held.get("last_error").asString())
                .isEqualTo("held back: " + address + " already got 5 ticket_created mails in the past hour");
        assertThat(admin().get("/api/v1/outbox?status=held&limit=100").body()).contains(address);

        clock.advance(Duration.ofMinutes(31)); // the first confirmation is now more than an hour old; held ones never count
        long later = openTicket(agent, address, "Request 6").id();
        JsonNode queued = single(items(later, "ticket_created"));
        assertThat(queued.get("status").asString()).isEqualTo("pending");
        assertThat(queued.get("subject").asString()).isEqualTo("We received your request: Request 6");

        assertThat(agent.post("/api/v1/outbox/" + held.get("id").asLong() + "/retry", Map.of()).status()).isEqualTo(403);
        Api.Reply sent = admin().post("/api/v1/outbox/" + held.get("id").asLong() + "/retry", Map.of());
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("status").asString()).isEqualTo("pending");
    }

    @Test
    void staffHaveNoHourlyCapOnConfirmations() {
        Api agent = newUser("agent");
        Api colleague = newUser("agent");
        String address = colleague.get("/api/v1/users/me").json().get("email").asString();
        for (int i = 0; i < 6; i++) {
            long id = openTicket(agent, address, "Internal request " + i).id();
            assertThat(single(items(id, "ticket_created")).get("status").asString()).as("ticket " + i).isEqualTo("pending");
        }
    }

    @Test
    void assigneeIsToldUnlessTheyTookItThemselvesOrOptedOut() {
        Api lead = newUser("agent");
        Api agent = newUser("agent");
        Api quiet = newUser("agent");
        assertThat(quiet.patch("/api/v1/users/me", Map.of("email_notifications", false)).status()).isEqualTo(200);
        long agentId = userId(agent);
        String leadName = lead.get("/api/v1/users/me").text("name");

        long assigned = openTicket(lead, email("req"), "VPN down").id();
        assertThat(patch(lead, assigned, Map.of("assignee_id", agentId)).status()).isEqualTo(200);
        JsonNode ping = single(items(assigned, "ticket_assigned"));
        assertThat(ping.get("recipient").asString()).isEqualTo(agent.get("/api/v1/users/me").text("email"));
        assertThat(ping.get("subject").asString()).isEqualTo("Ticket #" + assigned + " assigned to you: VPN down");
        assertThat(ping.get("text").asString()).contains(leadName + " assigned ticket #" + assigned + " to you");

        long taken = openTicket(lead, email("req"), "Taken by the agent").id();
        assertThat(patch(agent, taken, Map.of("assignee_id", agentId)).status()).isEqualTo(200);
        assertThat(items(taken, "ticket_assigned")).isEmpty();

        long toQuiet = openTicket(lead, email("req"), "For the quiet one").id();
        assertThat(patch(lead, toQuiet, Map.of("assignee_id", userId(quiet))).status()).isEqualTo(200);
        assertThat(items(toQuiet, "ticket_assigned")).isEmpty();
    }

    @Test
    void requesterHearsWhenTheTicketWaitsForThemAndWhenItIsResolved() {
        Api agent = newUser("agent");
        String address = email("waiting");
        long id = openTicket(agent, address, "Need the invoice").id();

        assertThat(patch(agent, id, Map.of("status", "in_progress")).status()).isEqualTo(200);
        assertThat(patch(agent, id, Map.of("status", "pending")).status()).isEqualTo(200);
        assertThat(patch(agent, id, Map.of("status", "resolved")).status()).isEqualTo(200);

        assertThat(single(items(id, "ticket_pending")).get("recipient").asString()).isEqualTo(address);
        JsonNode resolved = single(items(id, "ticket_resolved"));
        assertThat(resolved.get("recipient").asString()).isEqualTo(address);
        assertThat(resolved.get("subject").asString()).isEqualTo("Your request has been resolved: Need the invoice");
        assertThat(items(id, null)).extracting(i -> i.get("kind").asString())
                .containsExactlyInAnyOrder("ticket_created", "ticket_pending", "ticket_resolved");
    }

    @Test
    void internalNoteNeverReachesTheOutboxButAPublicReplyGoesToRequesterAndCopiedPeople() {
        Api agent = newUser("agent");
        String requester = email("req");
        String copied = email("cc");
        long id = intake.receive(new InboundMessage(Channel.EMAIL, requester, "Req", "Broken laptop", "It is broken",
                null, null, null, Set.of(), null, false, List.of(), Set.of(copied)), Actor.system("test")).ticketId();

        Api.Reply note = agent.post("/api/v1/tickets/" + id + "/messages",
                Map.of("body", "Customer is on the naughty list", "internal", true));
        assertThat(note.status()).isEqualTo(201);
        assertThat(items(id, null)).as("only the confirmation").extracting(i -> i.get("kind").asString())
                .containsExactly("ticket_created");
        assertThat(items(id, null)).noneMatch(i -> i.toString().contains("naughty"));

        Api.Reply reply = agent.post("/api/v1/tickets/" + id + "/messages",
                Map.of("body", "We ship a new one", "body_html", "<p>We ship a <b>new</b> one</p>"));
        assertThat(reply.status()).isEqualTo(201);
        List<JsonNode> replies = items(id, "reply");
        assertThat(replies).extracting(i -> i.get("recipient").asString()).containsExactlyInAnyOrder(requester, copied);
        for (JsonNode mail : replies) {
            assertThat(mail.get("message_id").asLong()).isEqualTo(reply.id());
            assertThat(mail.get("subject").asString()).isEqualTo("Re: Broken laptop");
            assertThat(mail.get("text").asString()).startsWith("We ship a new one").doesNotContain("naughty");
            assertThat(mail.get("html").asString()).contains("<p>We ship a <b>new</b> one</p>");
        }

        assertThat(items(id, null)).as("the confirmation and the reply to each of the two").hasSize(3);
    }

    /** Outbox items of a ticket, of one kind (null: all), as an admin lists them. */
    private List<JsonNode> items(long ticketId, String kind) {
        Api.Reply list = admin().get("/api/v1/outbox?limit=100&ticket_id=" + ticketId);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        list.json().get("items").forEach(i -> {
            if (kind == null || i.get("kind").asString().equals(kind)) {
                items.add(i);
            }
        });
        return items;
    }

    private static JsonNode single(List<JsonNode> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
