package dev.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * More callers at once than database connections: every request must need only one connection at a time,
 * or a full pool of requests each holding one and waiting for another waits on itself until the pool's
 * timeout (a read that queried again from inside its row mapper did exactly that, outside a transaction).
 */
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.connection-timeout=5000"})
class SmallPoolTest extends IntegrationTest {

    @Test
    void manyCallersAtOnceOnTwoConnectionsAllGetTheirTickets() throws Exception {
        Api agent = newUser("agent");
        long id = openTicket(agent, email("pool"), "Pool").id();
        int callers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    int status = 0;
                    for (int round = 0; round < 10; round++) {
                        status = n % 2 == 0 ? agent.get("/api/v1/tickets/" + id).status()
                                : agent.post("/api/v1/tickets", Map.of("subject", "Pool " + n + "/" + round,
                                        "description", "at once", "requester", Map.of("email", email("p" + n)))).status();
                        if (status >= 300) {
                            return status;
                        }
                    }
                    return status;
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isIn(200, 201);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
