package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.support.Browser;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An admin sets up a mailbox in a real browser: tests the connection (htmx, in place) and saves it. */
class MailboxPagesBrowserTest extends InboundEmailTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    @Test
    void anAdminTestsANewMailboxInPlaceThenCreatesItAndSeesItListed() {
        String login = "web" + UUID.randomUUID().toString().substring(0, 8);
        String address = login + "@switchboard.test";
        greenMail.setUser(address, login, "imap-password");

        try (Browser admin = new Browser(port)) {
            admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            admin.open("/admin");
            admin.submit(".admin-sections a[href='/admin/mailboxes']");
            admin.submit("#new-mailbox");
            admin.type("#address", address);
            admin.type("#imap_host", "127.0.0.1");
            new Select(admin.find("#security")).selectByValue("none");
            admin.type("#imap_port", String.valueOf(greenMail.getImap().getPort()));
            admin.type("#username", login);
            admin.type("#password", "imap-password");
            admin.type("#folder", "INBOX");

            admin.click("#test-connection");
            new WebDriverWait(admin.driver(), Duration.ofSeconds(20))
                    .until(d -> admin.find("#test-result").getText().contains("Connected."));
            assertThat(admin.find("#test-result").getText()).contains("The folder has 0 messages");
            assertThat(admin.find("#password").getDomProperty("value"))
                    .as("the test ran in place: what was typed is still there").isEqualTo("imap-password");
            admin.screenshot("mailbox-test-connection");

            admin.find("#poll_interval_seconds").sendKeys(Keys.END);
            admin.submit("#save-mailbox");
            assertThat(admin.url()).endsWith("/admin/mailboxes");
            assertThat(admin.text()).contains("Mailbox " + address + " added", address, "127.0.0.1:" + greenMail.getImap().getPort(),
                    "active", "never");
            admin.screenshot("mailboxes-list");
        }
        assertThat(admin().get("/api/v1/mailboxes?limit=100").body()).contains(address);
    }
}
