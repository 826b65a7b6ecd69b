package dev.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.notification.internal.OutboxDispatch;
import dev.switchboard.support.Api;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Outgoing webhooks against a real HTTP server in this JVM, on 127.0.0.1 (which the test configuration
 * allows; every other loopback or private address stays refused): signed, carried by the outbox, retried.
 */
class WebhookTest extends TriggerTestSupport {

    /** A request the receiver got. */
    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What the receiver answers next: a status, after waiting for a latch when one is given. */
    record Answer(int status, CountDownLatch hold) {
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private HttpServer server;
    private ExecutorService threads;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            Answer answer = answers.poll();
            int status = answer == null ? 200 : answer.status();
            if (answer != null && answer.hold() != null) {
                try {
                    answer.hold().await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] reply = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(status, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (IOException gone) {
                // the caller gave up waiting (a timeout test)
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
        threads.shutdownNow();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Test
    void aWebhookIsSignedAndCarriesTheEventTheTicketAndADeliveryId() throws Exception {
        long triggerId = trigger("Tell the CRM", "status_changed", List.of(when("to", "equals", "pending")),
                List.of(Map.of("type", "webhook", "url", url())));
        String secret = admin().get("/api/v1/triggers/" + triggerId + "/secret").text("secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        Api agent = newUser("agent");
        long id = ticket(agent, email("req"), "Webhook");
        assertThat(patch(agent, id, Map.of("status", "pending")).status()).isEqualTo(200);

        JsonNode item = single(outbox(id, "webhook"));
        assertThat(item.get("channel").asString()).isEqualTo("webhook");
        assertThat(item.get("recipient").asString()).isEqualTo(url());
        assertThat(item.get("subject").asString()).isEqualTo("ticket.status_changed");
        assertThat(item.get("status").asString()).isEqualTo("pending");
        assertThat(received).as("nothing leaves before the dispatcher runs").isEmpty();

        clock.advance(Duration.ofSeconds(30));
        OutboxDispatch.runOnce(context);
        Received call = received.poll(10, TimeUnit.SECONDS);
        assertThat(call).isNotNull();
        assertThat(call.header("Content-Type")).startsWith("application/json");
        assertThat(call.header("X-Switchboard-Event")).isEqualTo("ticket.status_changed");
        String timestamp = call.header("X-Switchboard-Timestamp");
        assertThat(Long.parseLong(timestamp)).isEqualTo(clock.instant().getEpochSecond());
        assertThat(call.header("X-Switchboard-Signature")).isEqualTo("sha256=" + hmac(secret, timestamp + "." + call.body()));
        assertThat(call.header("X-Switchboard-Signature")).isNotEqualTo("sha256=" + hmac("wrong", timestamp + "." + call.body()));

        JsonNode body = Api.JSON.readTree(call.body());
        assertThat(body.get("delivery_id").asString()).isEqualTo(call.header("X-Switchboard-Delivery"));
        assertThat(body.get("event").asString()).isEqualTo("ticket.status_changed");
        assertThat(body.get("trigger").get("id").asLong()).isEqualTo(triggerId);
        assertThat(body.get("ticket").get("id").asLong()).isEqualTo(id);
        assertThat(body.get("ticket").get("status").asString()).isEqualTo("pending");
        assertThat(body.get("ticket").get("requester").get("email").asString()).isNotBlank();
        assertThat(body.get("status_change").get("from").asString()).isEqualTo("new");
        assertThat(body.get("status_change").get("to").asString()).isEqualTo("pending");
        assertThat(single(outbox(id, "webhook")).get("status").asString()).isEqualTo("sent");

        // a rotated secret signs from then on, also calls already waiting
        String rotated = admin().post("/api/v1/triggers/" + triggerId + "/secret", Map.of()).text("secret");
        assertThat(rotated).isNotEqualTo(secret);
        assertThat(patch(agent, id, Map.of("status", "in_progress")).status()).isEqualTo(200);
        assertThat(patch(agent, id, Map.of("status", "pending")).status()).isEqualTo(200);
        OutboxDispatch.runOnce(context);
        Received second = received.poll(10, TimeUnit.SECONDS);
        assertThat(second.header("X-Switchboard-Signature")).isEqualTo("sha256=" + hmac(rotated,
                second.header("X-Switchboard-Timestamp") + "." + second.body()));
        assertThat(second.header("X-Switchboard-Delivery")).isNotEqualTo(call.header("X-Switchboard-Delivery"));
    }

    @Test
    void aWebhookCanSendItsOwnJsonBodyWithEscapedValues() throws Exception {
        trigger("Chat ping", "created", List.of(), List.of(Map.of("type", "webhook", "url", url(),
                "body", "{\"text\": \"New ticket #{{ticket.id}}: {{ticket.subject}}\", \"id\": {{ticket.id}}, "
                        + "\"group\": {{ticket.group_id}}, \"delivery\": \"{{delivery.id}}\"}")));
        long id = ticket(newUser("agent"), email("req"), "Quotes \"and\" \\ back\nslash");
        OutboxDispatch.runOnce(context);
        Received call = received.poll(10, TimeUnit.SECONDS);
        JsonNode body = Api.JSON.readTree(call.body());
        assertThat(body.get("text").asString()).isEqualTo("New ticket #" + id + ": Quotes \"and\" \\ back\nslash " + marker);
        assertThat(body.get("id").asLong()).isEqualTo(id);
        assertThat(body.get("group").isNull()).isTrue();
        assertThat(body.get("delivery").asString()).isEqualTo(call.header("X-Switchboard-Delivery"));
        assertThat(call.header("X-Switchboard-Event")).isEqualTo("ticket.created");
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedWhenSavedAndWhenDelivered() {
        for (String refused : List.of("http://127.0.0.2:" + server.getAddress().getPort() + "/hook", "http://[::1]/hook",
                "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://[::ffff:192.168.0.1]/",
                "ftp://127.0.0.1/hook", "http://user:pass@127.0.0.1/hook")) {
            Api.Reply saved = admin().post("/api/v1/triggers", Map.of("name", "SSRF", "event", "created",
                    "conditions", List.of(onlyMine()), "actions", List.of(Map.of("type", "webhook", "url", refused))));
            assertThat(saved.status()).as(refused).isEqualTo(422);
            assertThat(saved.json().get("errors").get(0).get("field").asString()).isEqualTo("actions[0].url");
        }
        Api.Reply metadata = admin().post("/api/v1/triggers", Map.of("name", "SSRF", "event", "created",
                "actions", List.of(Map.of("type", "webhook", "url", "http://169.254.169.254/"))));
        assertThat(metadata.json().get("errors").get(0).get("message").asString())
                .contains("169.254.169.254", "link-local", "switchboard.webhooks.allowed-hosts");

        // DNS can change after a trigger is saved: the address is checked again before each attempt
        trigger("Moved", "created", List.of(), List.of(Map.of("type", "webhook", "url", url())));
        long id = ticket(newUser("agent"), email("req"), "Rebound");
        long item = single(outbox(id, "webhook")).get("id").asLong();
        jdbc.sql("update webhook_deliveries set url = ? where outbox_id = ?")
                .params("http://127.0.0.2:" + server.getAddress().getPort() + "/hook", item).update();
        OutboxDispatch.runOnce(context);
        JsonNode dead = admin().get("/api/v1/outbox/" + item).json();
        assertThat(dead.get("status").asString()).isEqualTo("dead");
        assertThat(dead.get("last_error").asString()).contains("127.0.0.2", "a loopback address");
        assertThat(received).isEmpty();
    }

    @Test
    void aTimeoutIsTriedAgainLaterAndTheSameDeliveryIdComesAgain() throws Exception {
        trigger("Slow receiver", "created", List.of(), List.of(Map.of("type", "webhook", "url", url())));
        CountDownLatch release = new CountDownLatch(1);
        answers.add(new Answer(200, release));
        long id = ticket(newUser("agent"), email("req"), "Slow");
        long item = single(outbox(id, "webhook")).get("id").asLong();

        OutboxDispatch.runOnce(context); // waits the 1 s request timeout of the test configuration
        release.countDown();
        Received first = received.poll(10, TimeUnit.SECONDS);
        JsonNode failed = admin().get("/api/v1/outbox/" + item).json();
        assertThat(failed.get("status").asString()).isEqualTo("pending");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("last_error").asString()).containsIgnoringCase("timed out");
        assertThat(Instant.parse(failed.get("next_attempt_at").asString())).isAfter(clock.instant());

        clock.advance(Duration.ofMinutes(2));
        OutboxDispatch.runOnce(context);
        Received second = received.poll(10, TimeUnit.SECONDS);
        assertThat(second.header("X-Switchboard-Delivery")).isEqualTo(first.header("X-Switchboard-Delivery"));
        assertThat(admin().get("/api/v1/outbox/" + item).json().get("status").asString()).isEqualTo("sent");
    }

    @Test
    void aServerErrorIsRetriedUntilItSucceedsWhileAClientErrorOrARedirectIsFinal() throws Exception {
        trigger("Flaky receiver", "created", List.of(), List.of(Map.of("type", "webhook", "url", url())));
        answers.add(new Answer(500, null));
        answers.add(new Answer(503, null));
        long id = ticket(newUser("agent"), email("req"), "Flaky");
        long item = single(outbox(id, "webhook")).get("id").asLong();

        OutboxDispatch.runOnce(context);
        JsonNode once = admin().get("/api/v1/outbox/" + item).json();
        assertThat(once.get("status").asString()).isEqualTo("pending");
        assertThat(once.get("last_error").asString()).contains("answered 500", "answer 500");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        OutboxDispatch.runOnce(context);
        assertThat(admin().get("/api/v1/outbox/" + item).json().get("attempts").asInt()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        OutboxDispatch.runOnce(context);
        assertThat(admin().get("/api/v1/outbox/" + item).json().get("status").asString()).isEqualTo("sent");
        assertThat(received).hasSize(3);

        answers.add(new Answer(410, null));
        long gone = ticket(newUser("agent"), email("req"), "Gone");
        long goneItem = single(outbox(gone, "webhook")).get("id").asLong();
        answers.add(new Answer(302, null));
        long moved = ticket(newUser("agent"), email("req"), "Moved away");
        long movedItem = single(outbox(moved, "webhook")).get("id").asLong();
        OutboxDispatch.runOnce(context);
        JsonNode refused = admin().get("/api/v1/outbox/" + goneItem).json();
        assertThat(refused.get("status").asString()).isEqualTo("dead");
        assertThat(refused.get("attempts").asInt()).isEqualTo(1);
        assertThat(refused.get("last_error").asString()).contains("answered 410");
        JsonNode redirected = admin().get("/api/v1/outbox/" + movedItem).json();
        assertThat(redirected.get("status").asString()).isEqualTo("dead");
        assertThat(redirected.get("last_error").asString()).contains("answered 302", "follow no redirects");
    }

    private static String hmac(String secret, String material) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(material.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode single(List<JsonNode> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
