package dev.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.Browser;
import dev.switchboard.support.WebSession;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The admin pages under /admin/triggers: an auto-reply set up from the page, edits, refusals, order, secret. */
class TriggerPagesTest extends TriggerTestSupport {

    @Test
    void anAdminSetsUpAnAutoReplyFromThePageAndItAnswersNewTickets() {
        WebSession admin = adminSession();
        assertThat(admin.get("/admin").body()).contains("href=\"/admin/triggers\"");
        assertThat(admin.get("/admin/triggers").body()).contains("Triggers", "New auto-reply");
        String preset = admin.get("/admin/triggers/new?preset=auto-reply").body();
        assertThat(preset).contains("Out-of-hours auto-reply", "We received your request: {{ticket.subject}}",
                "Ваше обращение получено", "value=\"business_hours\" selected");

        Map<String, String> form = new LinkedHashMap<>(Map.of("name", "Thanks " + marker, "event", "created",
                "active", "true", "conditions[0].field", "subject", "conditions[0].operator", "contains",
                "conditions[0].value", marker));
        form.putAll(Map.of("actions[0].type", "send_email", "actions[0].to", "requester",
                "actions[0].subject", "We got it: {{ticket.subject}}", "actions[0].body", "Hello {{requester.name}}, #{{ticket.id}} is ours.",
                "actions[0].subject_ru", "Получено: {{ticket.subject}}", "actions[0].body_ru", "Здравствуйте!",
                "actions[0].status", "open", "actions[1].type", "", "conditions[1].field", ""));
        HttpResponse<String> created = admin.post("/admin/triggers", form, "/admin/triggers/new");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String page = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        long id = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
        remember(id);
        JsonNode trigger = admin().get("/api/v1/triggers/" + id).json();
        assertThat(trigger.get("event").asString()).isEqualTo("created");
        assertThat(trigger.get("conditions")).hasSize(1);
        JsonNode action = trigger.get("actions").get(0);
        assertThat(action.get("type").asString()).isEqualTo("send_email");
        assertThat(action.get("to").asString()).isEqualTo("requester");
        assertThat(action.has("value")).as("the status field of the row is not an email's").isFalse();
        assertThat(action.get("translations").get("ru").get("subject").asString()).isEqualTo("Получено: {{ticket.subject}}");
        assertThat(admin.get(page).body()).contains("Trigger created.", "We got it: {{ticket.subject}}", "Webhook signing secret");

        long ticket = ticket(newUser("agent"), email("req"), "From the page");
        assertThat(outbox(ticket, "auto_reply")).singleElement()
                .satisfies(m -> assertThat(m.get("text").asString()).isEqualTo("Hello Requester, #" + ticket + " is ours."));
        assertThat(admin.get(page).body()).contains("#" + ticket, "send_email to", "queued");
    }

    @Test
    void aRefusedFormComesBackWithWhatWasTypedAndEachReasonBesideItsField() {
        WebSession admin = adminSession();
        Map<String, String> form = new LinkedHashMap<>(Map.of("name", "Broken " + marker, "event", "updated",
                "conditions[0].field", "subject", "conditions[0].operator", "matches", "conditions[0].value", "(unclosed",
                "actions[0].type", "webhook", "actions[0].url", "http://169.254.169.254/latest"));
        HttpResponse<String> refused = admin.post("/admin/triggers", form, "/admin/triggers/new");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("(unclosed", "invalid regular expression: Unclosed group",
                "http://169.254.169.254/latest", "link-local", "Broken " + marker);
        assertThat(admin().get("/api/v1/triggers").body()).doesNotContain("Broken " + marker);
    }

    @Test
    void triggersAreSwitchedOffMovedGivenANewSecretAndDeletedFromThePages() {
        long first = trigger("First " + marker, "assigned", List.of(), List.of(Map.of("type", "add_tags", "value", List.of("a"))));
        long second = trigger("Second " + marker, "assigned", List.of(), List.of(Map.of("type", "add_tags", "value", List.of("b"))));
        WebSession admin = adminSession();

        assertThat(admin.post("/admin/triggers/" + first + "/active", Map.of("active", "false"), "/admin/triggers")
                .statusCode()).isEqualTo(302);
        assertThat(admin().get("/api/v1/triggers/" + first).json().get("active").asBoolean()).isFalse();
        assertThat(admin.get("/admin/triggers").body()).contains("Trigger switched off.");

        assertThat(admin.post("/admin/triggers/" + second + "/move", Map.of("direction", "up"), "/admin/triggers")
                .statusCode()).isEqualTo(302);
        int firstAt = admin().get("/api/v1/triggers/" + first).json().get("position").asInt();
        int secondAt = admin().get("/api/v1/triggers/" + second).json().get("position").asInt();
        assertThat(secondAt).isLessThan(firstAt);
        String list = admin.get("/admin/triggers").body();
        assertThat(list.indexOf("Second " + marker)).isLessThan(list.indexOf("First " + marker));

        String secret = admin().get("/api/v1/triggers/" + first + "/secret").text("secret");
        assertThat(admin.get("/admin/triggers/" + first).body()).contains(secret);
        assertThat(admin.post("/admin/triggers/" + first + "/secret", Map.of(), "/admin/triggers/" + first).statusCode())
                .isEqualTo(302);
        assertThat(admin().get("/api/v1/triggers/" + first + "/secret").text("secret")).isNotEqualTo(secret);

        assertThat(admin.post("/admin/triggers/" + first + "/delete", Map.of(), "/admin/triggers/" + first).statusCode())
                .isEqualTo(302);
        forget(first);
        assertThat(admin().get("/api/v1/triggers/" + first).status()).isEqualTo(404);
    }

    @Test
    void htmxAddsNumberedRowsAndThePagesSpeakRussian() {
        WebSession admin = adminSession();
        String row = admin.get("/admin/triggers/rows/condition?index=3").body();
        assertThat(row).contains("name=\"conditions[3].field\"", "name=\"conditions[3].value\"", "hx-swap-oob=\"true\"",
                "/admin/triggers/rows/condition?index=4");
        String action = admin.get("/admin/triggers/rows/action?index=2").body();
        assertThat(action).contains("name=\"actions[2].type\"", "name=\"actions[2].url\"", "data-for=\"webhook\"",
                "/admin/triggers/rows/action?index=3");
        Api russianAdmin = newUser("admin");
        assertThat(russianAdmin.patch("/api/v1/users/me", Map.of("locale", "ru")).status()).isEqualTo(200);
        WebSession russian = new WebSession(port);
        russian.signIn(russianAdmin.get("/api/v1/users/me").text("email"), "password-admin");
        assertThat(russian.get("/admin/triggers").body()).contains("Триггеры", "Новый автоответ");
        assertThat(russian.get("/admin/triggers/new").body()).contains("Добавить условие", "Отправить письмо",
                "Создана заявка");
        assertThat(russian.get("/admin").body()).contains("Триггеры");
    }

    @Test
    void inTheBrowserRowsAreAddedWithHtmxAndEachActionShowsOnlyItsFields() {
        try (Browser browser = new Browser(port)) {
            browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            browser.open("/admin/triggers/new");
            browser.type("input[name=name]", "Escalate VIP " + marker);
            new Select(browser.find("select[name=event]")).selectByValue("updated");
            new Select(browser.find("select[name='conditions[0].field']")).selectByValue("subject");
            new Select(browser.find("select[name='conditions[0].operator']")).selectByValue("contains");
            browser.type("input[name='conditions[0].value']", marker);
            browser.click("#add-condition");
            WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
            wait.until(d -> !browser.findAll("select[name='conditions[1].field']").isEmpty());
            new Select(browser.find("select[name='conditions[1].field']")).selectByValue("tags");
            new Select(browser.find("select[name='conditions[1].operator']")).selectByValue("in");
            browser.type("input[name='conditions[1].value']", "vip, gold");

            assertThat(browser.find("input[name='actions[0].url']").isDisplayed()).as("no type chosen yet").isFalse();
            new Select(browser.find("select[name='actions[0].type']")).selectByValue("set_priority");
            assertThat(browser.find("select[name='actions[0].priority']").isDisplayed()).isTrue();
            assertThat(browser.find("input[name='actions[0].subject']").isDisplayed()).isFalse();
            new Select(browser.find("select[name='actions[0].priority']")).selectByValue("critical");
            browser.click("#add-action");
            wait.until(d -> !browser.findAll("select[name='actions[1].type']").isEmpty());
            new Select(browser.find("select[name='actions[1].type']")).selectByValue("send_email");
            assertThat(browser.find("input[name='actions[1].subject']").isDisplayed()).isTrue();
            assertThat(browser.find("select[name='actions[1].priority']").isDisplayed()).isFalse();
            new Select(browser.find("select[name='actions[1].to']")).selectByValue("address");
            browser.type("input[name='actions[1].address']", "oncall@example.com");
            browser.type("input[name='actions[1].subject']", "VIP ticket #{{ticket.id}}");
            browser.type("textarea[name='actions[1].body']", "{{ticket.subject}} needs someone.");
            browser.screenshot("trigger-form");
            browser.submit("form button.primary");

            assertThat(browser.text()).contains("Trigger created.");
            long id = Long.parseLong(browser.url().substring(browser.url().lastIndexOf('/') + 1));
            madeThroughPage(id);
            JsonNode trigger = admin().get("/api/v1/triggers/" + id).json();
            assertThat(trigger.get("event").asString()).isEqualTo("updated");
            assertThat(trigger.get("conditions").get(1).get("value").toString()).isEqualTo("[\"vip\",\"gold\"]");
            assertThat(trigger.get("actions").get(0).get("value").asString()).isEqualTo("critical");
            assertThat(trigger.get("actions").get(1).get("address").asString()).isEqualTo("oncall@example.com");
            browser.open("/admin/triggers");
            browser.screenshot("trigger-list");
            assertThat(browser.text()).contains("Escalate VIP " + marker, "tags in vip, gold", "send_email to oncall@example.com");
        }
    }

    @Test
    void theTriggerPagesAreForAdminsOnly() {
        Api agent = newUser("agent");
        WebSession session = new WebSession(port);
        session.signIn(agent.get("/api/v1/users/me").text("email"), "password-agent");
        assertThat(session.get("/admin/triggers").statusCode()).isEqualTo(403);
        assertThat(session.get("/admin/triggers/new").statusCode()).isEqualTo(403);
        assertThat(session.get("/admin/triggers/rows/condition?index=0").statusCode()).isEqualTo(403);
        assertThat(session.post("/admin/triggers", Map.of("name", "x", "event", "created"), "/tickets").statusCode())
                .isEqualTo(403);
    }

    private void remember(long id) {
        // made through the page: delete it after the test like the others
        madeThroughPage(id);
    }
}
