package dev.switchboard.channel.email.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.IntegrationTest;
import dev.switchboard.channel.email.EmailThreads;
import dev.switchboard.notification.AutoReplies;
import dev.switchboard.notification.OutboundMessage;
import dev.switchboard.notification.Outbox;
import dev.switchboard.notification.internal.OutboxDispatch;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.support.Api;
import dev.switchboard.ticket.Attachment;
import dev.switchboard.ticket.MessageView;
import dev.switchboard.ticket.NewMessage;
import dev.switchboard.ticket.Tickets;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Mail as it arrives at an SMTP server (GreenMail on a free port): threading headers, parts, language,
 * and what never arrives. The outbox is dispatched by hand, as the scheduler would.
 */
class EmailChannelTest extends IntegrationTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    EmailThreads threads;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    AutoReplies autoReplies;
    @Autowired
    Tickets tickets;
    @Autowired
    UserDirectory directory;
    @Autowired
    JdbcClient jdbc;

    @Test
    void agentReplyArrivesThreadedFromOurAddressWithTextAndHtml() throws Exception {
        Api agent = newUser("agent");
        String requester = email("carol");
        long id = openTicket(agent, requester, "Printer on fire").id();
        threads.remember("<original-" + id + "@customer.example>", id, null, false); // the mail that opened it
        clock.advance(Duration.ofMinutes(1));
        OutboxDispatch.runOnce(context); // the confirmation
        clock.advance(Duration.ofMinutes(1));

        Api.Reply reply = agent.post("/api/v1/tickets/" + id + "/messages",
                Map.of("body", "Unplug it, please.", "body_html", "<p>Unplug it, <b>please</b>.</p>"));
        assertThat(reply.status()).isEqualTo(201);
        OutboxDispatch.runOnce(context);

        List<MimeMessage> mails = receivedBy(requester);
        assertThat(mails).hasSize(2);
        MimeMessage confirmation = mails.get(0);
        MimeMessage answer = mails.get(1);
        String confirmationId = confirmation.getMessageID();
        String replyKey = outboxItem(id, "reply").get("key").asString();

        assertThat(answer.getFrom()).extracting(Object::toString).containsExactly("support@switchboard.local");
        assertThat(answer.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(requester);
        assertThat(answer.getSubject()).isEqualTo("Re: Printer on fire [#" + id + "]");
        assertThat(answer.getMessageID()).isEqualTo("<" + replyKey + "@switchboard.local>");
        assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo(confirmationId);
        assertThat(answer.getHeader("References", null).replaceAll("\\s+", " "))
                .isEqualTo("<original-" + id + "@customer.example> " + confirmationId);
        assertThat(answer.getHeader("Auto-Submitted")).as("a person's reply is not automatic").isNull();
        assertThat(answer.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) answer.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Unplug it, please.");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<p>Unplug it, <b>please</b>.</p>");

        assertThat(confirmation.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(confirmation.getHeader("In-Reply-To", null)).isEqualTo("<original-" + id + "@customer.example>");
        assertThat(confirmation.getSubject()).isEqualTo("We received your request: Printer on fire [#" + id + "]");
        // the customer's answer to our reply will find its ticket
        assertThat(threads.ticketFor(List.of(answer.getMessageID()))).contains(id);
    }

    @Test
    void internalNoteNeverArrives() throws Exception {
        Api agent = newUser("agent");
        String requester = email("dave");
        long id = openTicket(agent, requester, "Refund").id();
        assertThat(agent.post("/api/v1/tickets/" + id + "/messages",
                Map.of("body", "Between us: refund-secret-" + id, "internal", true)).status()).isEqualTo(201);

        OutboxDispatch.runOnce(context);

        assertThat(receivedBy(requester)).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).startsWith("We received your request"));
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(GreenMailUtil::getWholeMessage))
                .noneMatch(raw -> raw.contains("refund-secret-" + id));
    }

    @Test
    void confirmationArrivesInRussianForARussianSpeakingRequester() throws Exception {
        String address = email("olga");
        Api customer = newUser("customer", null, address);
        assertThat(customer.patch("/api/v1/users/me", Map.of("locale", "ru")).status()).isEqualTo(200);
        long id = openTicket(customer, null, "Не печатает принтер").id();

        OutboxDispatch.runOnce(context);

        MimeMessage mail = receivedBy(address).get(0);
        assertThat(mail.getSubject()).isEqualTo("Ваше обращение получено: Не печатает принтер [#" + id + "]");
        Multipart parts = (Multipart) mail.getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Здравствуйте", "под номером #" + id);
        assertThat((String) parts.getBodyPart(1).getContent()).contains("Спасибо, что написали нам");
    }

    @Test
    void anAddressThatIsNoAddressIsDeadAtOnce() {
        long itemId = tx.execute(s -> outbox.enqueue(new OutboundMessage("email", "not an address", "Hi", "Hi", null,
                null, null, "test")));

        OutboxDispatch.runOnce(context);

        JsonNode item = admin().get("/api/v1/outbox/" + itemId).json();
        assertThat(item.get("status").asString()).isEqualTo("dead");
        assertThat(item.get("attempts").asInt()).isEqualTo(1);
        assertThat(item.get("last_error").asString()).contains("not an email address");
    }

    @Test
    void anAutomaticAnswerIsMarkedAutoRepliedSoOtherMachinesDoNotAnswerIt() throws Exception {
        String address = email("auto");
        long id = openTicket(newUser("agent"), address, "Out of hours").id();
        tx.executeWithoutResult(s -> assertThat(autoReplies.send(new AutoReplies.AutoReply(address, null,
                "We are closed", "Back on Monday.", id, AutoReplies.KIND, false)).isQueued()).isTrue());
        OutboxDispatch.runOnce(context);

        MimeMessage auto = receivedBy(address).stream().filter(m -> {
            try {
                return m.getSubject().startsWith("We are closed");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        assertThat(auto.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(auto.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
        assertThat(auto.getSubject()).isEqualTo("We are closed [#" + id + "]");
    }

    @Test
    void anAgentsReplyArrivesWithItsFilesAndANotesFilesNeverLeaveEvenOnARetryLater() throws Exception {
        Api agent = newUser("agent");
        String requester = email("frida");
        long id = openTicket(agent, requester, "Invoice copy").id();
        OutboxDispatch.runOnce(context); // the confirmation
        Actor author = directory.actorFor(userId(agent));
        byte[] pdf = "%PDF-1.4 invoice-2026-03 \u0000\u00ff binary".getBytes(StandardCharsets.ISO_8859_1);
        byte[] note = ("note-file-secret-" + id).getBytes(StandardCharsets.UTF_8);
        byte[] receipt = "Квитанция № 7".getBytes(StandardCharsets.UTF_8);
        tickets.post(id, new NewMessage("Internal: see the ledger", null, true, null,
                List.of(Attachment.file("ledger-" + id + ".txt", "text/plain", note))), author);
        tickets.post(id, new NewMessage("Here are both files.", "<p>Here are <b>both</b> files.</p>", false, null,
                List.of(Attachment.file("invoice-march.pdf", "application/pdf", pdf),
                        Attachment.file("квитанция.txt", "text/plain", receipt))), author);
        JsonNode item = outboxItem(id, "reply");
        assertThat(item.get("attachment_ids")).hasSize(2);
        // the first delivery failed for good; an admin fixed the cause and retries it later: the files still go
        jdbc.sql("update outbox set status = 'dead', attempts = 10, last_error = 'simulated' where id = ?")
                .param(item.get("id").asLong()).update();
        clock.advance(Duration.ofDays(3));
        assertThat(admin().post("/api/v1/outbox/" + item.get("id").asLong() + "/retry", Map.of()).status()).isEqualTo(200);

        OutboxDispatch.runOnce(context);

        List<MimeMessage> mails = receivedBy(requester);
        assertThat(mails).hasSize(2);
        MimeMessage reply = mails.get(1);
        assertThat(reply.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) reply.getContent();
        assertThat(mixed.getCount()).isEqualTo(3);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        BodyPart invoice = mixed.getBodyPart(1);
        assertThat(invoice.getFileName()).isEqualTo("invoice-march.pdf");
        assertThat(invoice.getContentType()).startsWith("application/pdf");
        assertThat(invoice.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(invoice.getInputStream().readAllBytes()).isEqualTo(pdf);
        BodyPart kvitanciya = mixed.getBodyPart(2);
        assertThat(kvitanciya.getFileName()).isEqualTo("квитанция.txt");
        assertThat(kvitanciya.getContentType()).startsWith("text/plain");
        assertThat(kvitanciya.getInputStream().readAllBytes()).isEqualTo(receipt);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(GreenMailUtil::getWholeMessage))
                .noneMatch(raw -> raw.contains("ledger-" + id) || raw.contains("Internal: see the ledger")
                        || raw.contains(java.util.Base64.getEncoder().encodeToString(note).substring(0, 16)));
    }

    @Test
    void anItemNamingANotesFileIsRefusedNotSentWithoutIt() throws Exception {
        Api agent = newUser("agent");
        String requester = email("gert");
        long id = openTicket(agent, requester, "Sneaky").id();
        OutboxDispatch.runOnce(context);
        MessageView note = tickets.post(id, new NewMessage("note with a file", null, true, null,
                List.of(Attachment.file("private.txt", "text/plain", "private".getBytes(StandardCharsets.UTF_8)))),
                directory.actorFor(userId(agent)));
        long itemId = tx.execute(s -> outbox.enqueue(new OutboundMessage("email", requester, "Files", "Files", null,
                id, null, "reply", List.of(note.attachments().get(0).id()))));

        OutboxDispatch.runOnce(context);

        JsonNode item = admin().get("/api/v1/outbox/" + itemId).json();
        assertThat(item.get("status").asString()).isEqualTo("dead");
        assertThat(item.get("last_error").asString()).contains("public messages of ticket #" + id);
        assertThat(receivedBy(requester)).hasSize(1); // the confirmation only
    }

    private List<MimeMessage> receivedBy(String address) throws Exception {
        List<MimeMessage> mine = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                mine.add(m);
            }
        }
        return mine;
    }

    private JsonNode outboxItem(long ticketId, String kind) {
        for (JsonNode item : admin().get("/api/v1/outbox?ticket_id=" + ticketId).json().get("items")) {
            if (item.get("kind").asString().equals(kind)) {
                return item;
            }
        }
        throw new AssertionError("no " + kind + " in the outbox of #" + ticketId);
    }
}
