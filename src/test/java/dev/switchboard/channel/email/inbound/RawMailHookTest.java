package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

class RawMailHookTest extends InboundEmailTest {

    @Test
    void theRightSecretGetsTheMessageStoredAnd202() {
        String sender = email("mta");
        Api.Reply reply = postRaw(mail(sender, "Piped in", "From Postfix.").getBytes(StandardCharsets.UTF_8), INBOUND_SECRET);

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.text("status")).isEqualTo("processed");
        long ticket = reply.json().get("ticket_id").asLong();
        assertThat(ticket(ticket).get("requester").get("email").asString()).isEqualTo(sender);
        assertThat(inbound(reply.id())).containsEntry("source", "raw-hook");
    }

    @Test
    void aMessageThatCannotBeProcessedIsStillStoredSoItIs202() {
        Api.Reply reply = postRaw("Subject: no sender\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8), INBOUND_SECRET);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.text("status")).isEqualTo("quarantined");
        assertThat(reply.json().get("ticket_id").isNull()).isTrue();
    }

    @Test
    void theEnvelopeRecipientNamesTheMailbox() {
        long group = groupNamed("Piped");
        String address = MailboxApiTest.address();
        Map<String, Object> mailbox = MailboxApiTest.mailbox(address);
        mailbox.put("group_id", group);
        long id = admin().post("/api/v1/mailboxes", mailbox).id();

        Api.Reply reply = send("/hooks/email/raw?recipient=" + address,
                mail(email("piped"), "To a mailbox", "hi").getBytes(StandardCharsets.UTF_8), "message/rfc822",
                "Bearer " + INBOUND_SECRET);

        assertThat(inbound(reply.id()).get("mailbox_id")).isEqualTo(id);
        assertThat(ticket(reply.json().get("ticket_id").asLong()).get("group_id").asLong()).isEqualTo(group);
    }

    @Test
    void aWrongOrMissingSecretIs401AndStoresNothing() {
        byte[] eml = mail(email("intruder"), "Let me in", "x").getBytes(StandardCharsets.UTF_8);
        long stored = jdbc.sql("select count(*) from inbound_emails").query(Long.class).single();

        assertThat(postRaw(eml, "wrong-secret").status()).isEqualTo(401);
        assertThat(postRaw(eml, INBOUND_SECRET + "x").status()).isEqualTo(401);
        assertThat(postRaw(eml, null).status()).isEqualTo(401);
        assertThat(send("/hooks/email/raw", eml, "message/rfc822", "Basic " + INBOUND_SECRET).status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from inbound_emails").query(Long.class).single()).isEqualTo(stored);
    }

    @Test
    void otherContentTypesEmptyBodiesAndOversizedMessagesAreRefusedWithAProblem() {
        byte[] eml = mail(email("m"), "x", "x").getBytes(StandardCharsets.UTF_8);
        Api.Reply json = send("/hooks/email/raw", eml, "application/json", "Bearer " + INBOUND_SECRET);
        Api.Reply empty = postRaw(new byte[0], INBOUND_SECRET);
        Api.Reply huge = postRaw(new byte[(int) DataSize.ofMegabytes(2).toBytes() + 1], INBOUND_SECRET);

        assertThat(json.status()).isEqualTo(415);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void withoutASecretTheHookAnswers503() {
        RawMailHook hook = new RawMailHook("", null, null, DataSize.ofMegabytes(1));

        assertThatThrownBy(() -> hook.receive(new MockHttpServletRequest("POST", "/hooks/email/raw"), null))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(503));
    }
}
