package dev.switchboard.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Browser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.annotation.Import;

/** The template preview in a real browser: the framed preview shows the draft, inline styles and all. */
@Import(OutboxDispatcherTest.ScriptedChannel.class)
class NotificationPagesBrowserTest extends IntegrationTest {

    @Test
    void thePreviewFrameShowsTheDraftFilledInFromTheSampleTicketWithoutSavingIt() {
        try (Browser admin = new Browser(port)) {
            admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            admin.open("/admin/notifications");
            admin.submit("#edit-ticket_pending-en");
            WebDriver driver = admin.driver();
            driver.switchTo().frame("template-preview");
            assertThat(admin.text()).contains("We are waiting for your reply: Printer on fire & smoking");
            driver.switchTo().defaultContent();

            admin.type("#subject", "Over to you, {{recipient.name}}: {{ticket.subject}}");
            admin.click("#preview-template");
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
                d.switchTo().defaultContent();
                d.switchTo().frame("template-preview");
                boolean shown = admin.text().contains("Over to you, Bob Example: Printer on fire & smoking");
                d.switchTo().defaultContent();
                return shown;
            });
            admin.screenshot("template-preview");
        }
        assertThat(admin().get("/api/v1/notification-templates/ticket_pending/en").json().get("overridden").asBoolean())
                .isFalse();
    }
}
