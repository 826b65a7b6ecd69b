package dev.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Many callers at the same moment: no lost update, no lost message, no duplicate person, never a 500. */
class ConcurrentUpdateTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static final int THREADS = 8;

    @Test
    void concurrentPatchesWithTheSameVersionLetExactlyOneWin() throws Exception {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("req"), "Everyone edits me").id();

        List<Api.Reply> replies = atOnce(i -> () -> agent.patch("/api/v1/tickets/" + id,
                Map.of("version", 0, "category", "edit-" + i)));

        List<Api.Reply> won = replies.stream().filter(r -> r.status() == 200).toList();
        assertThat(won).as(statuses(replies)).hasSize(1);
        assertThat(replies.stream().filter(r -> r.status() == 409).count()).as(statuses(replies)).isEqualTo(THREADS - 1);
        replies.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertThat(r.text("detail")).contains("your version 0, now 1"));

        JsonNode ticket = agent.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("category").asString()).isEqualTo(won.get(0).text("category"));
        assertThat(ticket.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void concurrentRepliesAreAllStored() throws Exception {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("req"), "Busy thread").id();
        int before = agent.get("/api/v1/tickets/" + id).json().get("version").asInt();

        List<Api.Reply> replies = atOnce(i -> () -> agent.post("/api/v1/tickets/" + id + "/messages",
                Map.of("body", "Reply number " + i)));

        assertThat(replies).as(statuses(replies)).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
        JsonNode messages = agent.get("/api/v1/tickets/" + id + "/messages").json().get("items");
        Set<String> bodies = new HashSet<>();
        messages.forEach(m -> bodies.add(m.get("body_text").asString()));
        for (int i = 0; i < THREADS; i++) {
            assertThat(bodies).contains("Reply number " + i);
        }
        assertThat(messages).hasSize(THREADS + 1); // and the description
        JsonNode ticket = agent.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("version").asInt()).isEqualTo(before + THREADS);
        assertThat(ticket.get("status").asString()).isEqualTo("open");
    }

    @Test
    void concurrentFirstContactFromOneAddressCreatesOnePerson() throws Exception {
        Api agent = newUser("agent");
        String requester = email("newcomer");

        List<Api.Reply> replies = atOnce(i -> () -> agent.post("/api/v1/tickets", Map.of("subject", "First contact " + i,
                "requester", Map.of("email", i % 2 == 0 ? requester : requester.toUpperCase(Locale.ROOT), "name", "Newcomer"))));

        assertThat(replies).as(statuses(replies)).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
        Set<Long> requesters = new HashSet<>();
        Set<Long> tickets = new HashSet<>();
        replies.forEach(r -> {
            requesters.add(r.json().get("requester").get("id").asLong());
            tickets.add(r.id());
        });
        assertThat(requesters).hasSize(1);
        assertThat(tickets).hasSize(THREADS);
        long requesterId = requesters.iterator().next();
        assertThat(agent.get("/api/v1/users/" + requesterId).text("role")).isEqualTo("customer");
        assertThat(agent.get("/api/v1/tickets?requester_id=" + requesterId).json().get("items")).hasSize(THREADS);
    }

    @Test
    void concurrentNewTicketsEachGetTheirOwnOutcomeThoughTheyMayShareACommit() throws Exception {
        Api agent = newUser("agent");
        String run = email("batch");

        // odd callers send a tag intake refuses after it has looked up (or made) the requester
        List<Api.Reply> replies = atOnce(i -> () -> agent.post("/api/v1/tickets", Map.of("subject", "Together " + i,
                "requester", Map.of("email", i + "." + run), "tags", List.of(i % 2 == 0 ? "fine" : "not a tag"))));

        for (int i = 0; i < THREADS; i++) {
            Api.Reply reply = replies.get(i);
            if (i % 2 == 0) {
                assertThat(reply.status()).as(statuses(replies)).isEqualTo(201);
                assertThat(reply.text("subject")).isEqualTo("Together " + i);
                assertThat(reply.text("status")).isEqualTo("new");
                JsonNode history = agent.get("/api/v1/tickets/" + reply.id() + "/history").json();
                assertThat(history.toString()).contains("created");
            } else {
                assertThat(reply.status()).as(statuses(replies)).isEqualTo(422);
                assertThat(reply.body()).contains("tags").contains("not a tag");
            }
        }
        Set<Long> ids = new HashSet<>();
        replies.stream().filter(r -> r.status() == 201).forEach(r -> ids.add(r.id()));
        assertThat(ids).hasSize(THREADS / 2);
        for (int i = 0; i < THREADS; i++) {
            assertThat(jdbc.sql("select count(*) from users where email = ?").param(i + "." + run).query(Long.class).single())
                    .as("requester of call " + i + " kept only with the ticket").isEqualTo(i % 2 == 0 ? 1 : 0);
        }
    }

    /** Runs one call per thread, all released at the same moment, and answers the replies in thread order. */
    private static List<Api.Reply> atOnce(IntFunction<Callable<Api.Reply>> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<Api.Reply> task = call.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> future : futures) {
                replies.add(future.get(2, TimeUnit.MINUTES));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String statuses(List<Api.Reply> replies) {
        return replies.stream().map(r -> r.status() + " " + (r.status() >= 300 ? r.body() : "")).toList().toString();
    }
}
