package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.support.Api;
import jakarta.mail.Flags;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The poller against GreenMail's real IMAP server (and its SMTP server to deliver into it). */
class MailboxPollerTest extends InboundEmailTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    @Autowired
    MailboxPoller poller;

    record Box(long id, String address, GreenMailUser user) {
    }

    Box newMailbox() {
        return newMailbox("imap-password");
    }

    Box newMailbox(String passwordGiven) {
        String login = "box" + UUID.randomUUID().toString().substring(0, 8);
        String address = login + "@switchboard.test";
        GreenMailUser user = greenMail.setUser(address, login, "imap-password");
        Map<String, Object> body = MailboxApiTest.mailbox(address);
        body.put("imap_host", "127.0.0.1");
        body.put("imap_port", greenMail.getImap().getPort());
        body.put("security", "none");
        body.put("username", login);
        body.put("password", passwordGiven);
        body.put("poll_interval_seconds", 60);
        Api.Reply created = admin().post("/api/v1/mailboxes", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Box(created.id(), address, user);
    }

    void deliver(Box box, String eml) {
        box.user().deliver(GreenMailUtil.newMimeMessage(new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8))));
    }

    List<StoredMessage> onServer(Box box) throws FolderException {
        return greenMail.getManagers().getImapHostManager().getInbox(box.user()).getMessages();
    }

    List<Long> ticketsOf(Box box) {
        return jdbc.sql("select ticket_id from inbound_emails where mailbox_id = ? and ticket_id is not null order by id")
                .param(box.id()).query(Long.class).list();
    }

    @Test
    void newMailSentOverSmtpBecomesATicketAndIsFlaggedSeenAfterward() throws Exception {
        Box box = newMailbox();
        String sender = email("smtp");
        GreenMailUtil.sendTextEmail(box.address(), sender, "Sent over SMTP", "Hello from SMTP.", greenMail.getSmtp().getServerSetup());

        PollReport report = poller.poll(box.id());

        assertThat(report.ran()).isTrue();
        assertThat(report.stored()).isEqualTo(1);
        assertThat(report.error()).isNull();
        List<Long> tickets = ticketsOf(box);
        assertThat(tickets).hasSize(1);
        assertThat(ticket(tickets.get(0)).get("subject").asString()).isEqualTo("Sent over SMTP");
        assertThat(ticket(tickets.get(0)).get("requester").get("email").asString()).isEqualTo(sender);
        assertThat(onServer(box)).allMatch(m -> m.isSet(Flags.Flag.SEEN));
        Api.Reply mailbox = admin().get("/api/v1/mailboxes/" + box.id());
        assertThat(mailbox.text("last_polled_at")).isEqualTo(START.toString());
        assertThat(mailbox.json().get("last_error").isNull()).isTrue();
    }

    @Test
    void repliesJoinTheirTicketByHeadersAndByTokenButNotBySubjectAlone() {
        Box box = newMailbox();
        String sender = email("thread");
        String firstId = messageId();
        deliver(box, mail(sender, "Laptop broken", "Screen is black.", "Message-ID: " + firstId));
        poller.poll(box.id());
        long ticket = ticketsOf(box).get(0);

        deliver(box, mail(sender, "Re: Laptop broken", "Any news?", "In-Reply-To: " + firstId));
        deliver(box, mail(sender, "Re: Laptop broken", "Hello?", "References: <x@y> " + firstId));
        deliver(box, mail(sender, "Re: [#" + ticket + "] Laptop broken", "Token reply"));
        deliver(box, mail(sender, "Laptop broken", "Same subject, new problem"));
        PollReport report = poller.poll(box.id());

        assertThat(report.stored()).isEqualTo(4);
        List<Long> tickets = ticketsOf(box);
        assertThat(tickets).hasSize(5);
        assertThat(tickets.stream().filter(t -> t == ticket)).hasSize(4);
        assertThat(messages(ticket)).hasSize(4);
    }

    @Test
    void fetchingTheSameMessagesAgainMakesNothingNew() throws Exception {
        Box box = newMailbox();
        deliver(box, mail(email("dup"), "Once", "one"));
        deliver(box, "From: " + email("dup") + "\r\nSubject: No id\r\n\r\nwithout a Message-ID\r\n");
        poller.poll(box.id());
        long tickets = ticketCount();
        long stored = jdbc.sql("select count(*) from inbound_emails").query(Long.class).single();

        for (StoredMessage message : onServer(box)) {
            message.setFlag(Flags.Flag.SEEN, false); // as if another client marked them unread
        }
        PollReport again = poller.poll(box.id());

        assertThat(again.stored()).isEqualTo(2);
        assertThat(ticketCount()).isEqualTo(tickets);
        assertThat(jdbc.sql("select count(*) from inbound_emails").query(Long.class).single()).isEqualTo(stored);
        assertThat(onServer(box)).allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    @Test
    void aCrashBetweenStoringAndFlaggingLosesNothingAndDoublesNothing() throws Exception {
        Box box = newMailbox();
        deliver(box, mail(email("crash"), "First", "one"));
        deliver(box, mail(email("crash"), "Second", "two"));
        seenFlags.failures.set(1);

        PollReport crashed = poller.poll(box.id());

        assertThat(ticketsOf(box)).hasSize(2);
        assertThat(onServer(box)).noneMatch(m -> m.isSet(Flags.Flag.SEEN));
        assertThat(crashed.error()).contains("could not flag 2 stored messages");
        assertThat(admin().get("/api/v1/mailboxes/" + box.id()).text("last_error")).contains("could not flag");
        long tickets = ticketCount();

        PollReport next = poller.poll(box.id());

        assertThat(next.error()).isNull();
        assertThat(ticketCount()).isEqualTo(tickets);
        assertThat(ticketsOf(box)).hasSize(2);
        assertThat(onServer(box)).allMatch(m -> m.isSet(Flags.Flag.SEEN));
        assertThat(admin().get("/api/v1/mailboxes/" + box.id()).json().get("last_error").isNull()).isTrue();
    }

    @Test
    void aBrokenMessageNeverBlocksTheOnesBehindIt() throws Exception {
        Box box = newMailbox();
        deliver(box, mail(email("ok"), "Before", "fine"));
        deliver(box, "Subject: nobody sent me\r\nMessage-ID: " + messageId() + "\r\n\r\nno From anywhere\r\n");
        deliver(box, "From: " + email("broken") + "\r\nSubject: Broken\r\nMessage-ID: " + messageId()
                + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"nowhere\"\r\n\r\nno parts\r\n");
        deliver(box, mail(email("ok"), "After", "fine"));

        PollReport report = poller.poll(box.id());

        assertThat(report.stored()).isEqualTo(4);
        List<Map<String, Object>> rows = jdbc.sql("select status from inbound_emails where mailbox_id = ? order by id")
                .param(box.id()).query().listOfRows();
        assertThat(rows).extracting(r -> r.get("status"))
                .containsExactlyInAnyOrder("processed", "quarantined", "quarantined", "processed");
        assertThat(onServer(box)).allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    @Test
    void aMessageOverTheSizeLimitIsNotDownloadedButItsHeadersAreQuarantined() throws Exception {
        Box box = newMailbox();
        deliver(box, mail(email("big"), "Enormous", "y".repeat(2 * 1024 * 1024 + 100)));

        poller.poll(box.id());

        Map<String, Object> row = jdbc.sql("select status, error, size_bytes, subject from inbound_emails where mailbox_id = ?")
                .param(box.id()).query().singleRow();
        assertThat(row.get("status")).isEqualTo("quarantined");
        assertThat((String) row.get("error")).contains("only its headers were fetched");
        assertThat(((Number) row.get("size_bytes")).longValue()).isLessThan(10_000);
        assertThat(row.get("subject")).isEqualTo("Enormous");
        assertThat(onServer(box)).allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    @Test
    void onlyDueActiveMailboxesArePolledAndOnlyByOneNodeAtATime() {
        Box box = newMailbox();
        Box off = newMailbox();
        admin().delete("/api/v1/mailboxes/" + off.id());
        deliver(off, mail(email("off"), "Nobody reads me", "x"));

        assertThat(poller.pollDue()).extracting(PollReport::mailboxId).contains(box.id()).doesNotContain(off.id());
        assertThat(poller.pollDue()).extracting(PollReport::mailboxId).doesNotContain(box.id());
        clock.advance(Duration.ofSeconds(60));
        assertThat(poller.pollDue()).extracting(PollReport::mailboxId).contains(box.id());

        // another node holds this mailbox's lock (the row exists: this node polled it above)
        jdbc.sql("update shedlock set lock_until = ?, locked_by = 'other-node' where name = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().plus(Duration.ofDays(1))), "mailbox-" + box.id())
                .update();
        try {
            assertThat(poller.poll(box.id()).ran()).isFalse();
        } finally {
            jdbc.sql("update shedlock set lock_until = ? where name = ?")
                    .params(java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(1))), "mailbox-" + box.id())
                    .update();
        }
        assertThat(poller.poll(box.id()).ran()).isTrue();
        assertThat(poller.poll(off.id()).ran()).isFalse();
    }

    @Test
    void aConnectionFailureIsRecordedOnTheMailbox() {
        Box box = newMailbox("wrong-password");

        PollReport report = poller.poll(box.id());

        assertThat(report.error()).containsIgnoringCase("authentic");
        Api.Reply mailbox = admin().get("/api/v1/mailboxes/" + box.id());
        assertThat(mailbox.text("last_error")).containsIgnoringCase("authentic");
        assertThat(mailbox.text("last_error_at")).isEqualTo(START.toString());
    }
}
