package dev.switchboard.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import dev.switchboard.support.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LiveUpdatesTest extends IntegrationTest {

    @Autowired
    LiveUpdates live;

    @Test
    void aChangedTicketIsPushedToOpenPagesAsAServerSentEvent() throws Exception {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("r"), "Live").id();
        WebSession browser = new WebSession(port);
        browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        HttpClient http = HttpClient.newBuilder().cookieHandler(browser.cookies()).build();
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Iterator<String> lines = stream.body().iterator();
        assertThat(lines.next()).startsWith(":connected");

        clock.advance(Duration.ofHours(1));
        live.tick(); // what other tests changed is older than this look
        clock.advance(Duration.ofSeconds(10));
        patch(agent, id, Map.of("priority", "high"));
        live.tick();

        CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:") && line.contains("\"id\":" + id + ",") && line.contains("\"version\":1")) {
                    return line;
                }
            }
            return "";
        });
        assertThat(event.get(10, TimeUnit.SECONDS)).contains("\"version\":1");
        stream.body().close();
    }

    @Test
    void customersGetNoLiveStream() {
        String email = email("customer");
        newUser("customer", null, email);
        WebSession browser = new WebSession(port);
        browser.signIn(email, "password-customer");
        assertThat(browser.get("/events", "text/event-stream").statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).get("/events", "text/event-stream").statusCode()).isIn(302, 401);
    }

    @Test
    void agentSavesAViewAndFindsItAgain() {
        String email = email("saver");
        newUser("agent", null, email);
        WebSession browser = new WebSession(port);
        browser.signIn(email, "password-agent");
        var saved = browser.post("/tickets/views", Map.of("name", "Urgent billing",
                "query", "view=active&priority=high&category=billing&cursor=abc"), "/tickets");
        String location = saved.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("priority=high").contains("category=billing").doesNotContain("cursor");
        String page = browser.get(location.replaceFirst("^https?://[^/]+", "")).body();
        assertThat(page).contains("<h1>Urgent billing</h1>");
        WebSession other = new WebSession(port);
        other.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(other.get("/tickets").body()).doesNotContain("Urgent billing");
    }
}
