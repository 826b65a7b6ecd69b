package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import dev.switchboard.support.Api;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A group's strategy gives each new ticket one agent: fairly, within capacity, never to someone away. */
class AssignmentStrategiesTest extends IntegrationTest {

    private record Team(long group, String marker, List<Api> agents, List<Long> ids) {
    }

    /** A group of agents with a strategy, and a rule that sends tickets with the marker in the subject there. */
    private Team team(int size, String strategy) {
        List<Api> agents = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Api agent = newUser("agent");
            agents.add(agent);
            ids.add(userId(agent));
        }
        Api.Reply group = admin().post("/api/v1/groups", Map.of("name", "Team " + UUID.randomUUID(), "member_ids", ids));
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        Api.Reply set = admin().patch("/api/v1/groups/" + group.id() + "/assignment", Map.of("assignment", strategy));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        String marker = "team" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply rule = admin().post("/api/v1/routing-rules", Map.of("name", "To " + marker,
                "conditions", List.of(Map.of("field", "subject", "operator", "contains", "value", marker)),
                "actions", List.of(Map.of("type", "set_group", "value", group.id()))));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        return new Team(group.id(), marker, agents, ids);
    }

    private Long assigneeOfNewTicket(Api creator, Team team, String requester) {
        JsonNode created = openTicket(creator, requester, "Help " + team.marker()).json();
        assertThat(created.get("group_id").asLong()).isEqualTo(team.group());
        JsonNode assignee = created.get("assignee_id");
        return assignee == null || assignee.isNull() ? null : assignee.asLong();
    }

    @Test
    void roundRobinIsFairOverAThousandTicketsFromTwoConcurrentCreators() throws Exception {
        Team team = team(3, "round_robin");
        List<Api> creators = List.of(newUser("agent"), newUser("agent"));
        String requester = email("busy");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (Api creator : creators) {
                results.add(pool.submit(() -> {
                    List<Long> assignees = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        assignees.add(assigneeOfNewTicket(creator, team, requester));
                    }
                    return assignees;
                }));
            }
            Map<Long, Integer> perAgent = new HashMap<>();
            for (Future<List<Long>> result : results) {
                for (Long assignee : result.get()) {
                    assertThat(assignee).isNotNull();
                    perAgent.merge(assignee, 1, Integer::sum);
                }
            }
            assertThat(perAgent.keySet()).containsExactlyInAnyOrderElementsOf(team.ids());
            assertThat(perAgent.values()).allSatisfy(n -> assertThat(n).isBetween(333, 334));
            assertThat(perAgent.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void roundRobinSkipsAgentsWhoAreAwayOrOffline() {
        Team team = team(3, "round_robin");
        Api away = team.agents().get(1);
        Api.Reply set = away.patch("/api/v1/users/me", Map.of("availability", "away"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("availability").asString()).isEqualTo("away");
        Api creator = newUser("agent");

        List<Long> assignees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assignees.add(assigneeOfNewTicket(creator, team, email("req")));
        }
        assertThat(assignees).doesNotContain(team.ids().get(1)).containsOnly(team.ids().get(0), team.ids().get(2));

        team.agents().get(0).patch("/api/v1/users/me", Map.of("availability", "offline"));
        team.agents().get(2).patch("/api/v1/users/me", Map.of("availability", "away"));
        assertThat(assigneeOfNewTicket(creator, team, email("req"))).isNull();

        away.patch("/api/v1/users/me", Map.of("availability", "available"));
        assertThat(assigneeOfNewTicket(creator, team, email("req"))).isEqualTo(team.ids().get(1));
    }

    @Test
    void leastLoadedWeighsWorkByCapacityAndFillsNoOneBeyondIt() {
        Team team = team(2, "least_loaded");
        long small = team.ids().get(0);
        long large = team.ids().get(1);
        assertThat(admin().patch("/api/v1/users/" + small, Map.of("capacity", 1)).status()).isEqualTo(200);
        Api.Reply capacity = admin().patch("/api/v1/users/" + large, Map.of("capacity", 2));
        assertThat(capacity.json().get("capacity").asInt()).isEqualTo(2);
        Api creator = newUser("agent");

        assertThat(assigneeOfNewTicket(creator, team, email("req"))).isEqualTo(small); // 0/1 and 0/2: lower id
        assertThat(assigneeOfNewTicket(creator, team, email("req"))).isEqualTo(large); // small is full
        assertThat(assigneeOfNewTicket(creator, team, email("req"))).isEqualTo(large); // 1/2
        assertThat(assigneeOfNewTicket(creator, team, email("req"))).isNull();          // everyone is full

        long done = creator.get("/api/v1/tickets?assignee_id=" + small).json().get("items").get(0).get("id").asLong();
        assertThat(patch(creator, done, Map.of("status", "resolved")).status()).isEqualTo(200);
        assertThat(assigneeOfNewTicket(creator, team, email("req"))).isEqualTo(small);
    }

    @Test
    void manualGroupsAreLeftAloneAndBadSettingsAreRefused() {
        Team team = team(2, "manual");
        assertThat(assigneeOfNewTicket(newUser("agent"), team, email("req"))).isNull();
        Api agent = team.agents().get(0);

        assertThat(agent.get("/api/v1/groups/" + team.group() + "/assignment").json().get("assignment").asString())
                .isEqualTo("manual");
        assertThat(agent.patch("/api/v1/groups/" + team.group() + "/assignment", Map.of("assignment", "round_robin"))
                .status()).isEqualTo(403);
        Api.Reply unknown = admin().patch("/api/v1/groups/" + team.group() + "/assignment", Map.of("assignment", "lottery"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("unknown assignment 'lottery'");
        assertThat(admin().patch("/api/v1/groups/999999/assignment", Map.of("assignment", "manual")).status())
                .isEqualTo(404);

        Api.Reply badAvailability = agent.patch("/api/v1/users/me", Map.of("availability", "asleep"));
        assertThat(badAvailability.status()).isEqualTo(422);
        assertThat(badAvailability.body()).contains("available, away, offline");
        assertThat(newUser("customer").patch("/api/v1/users/me", Map.of("availability", "away")).status()).isEqualTo(403);
        assertThat(admin().patch("/api/v1/users/" + team.ids().get(0), Map.of("capacity", -1)).status()).isEqualTo(422);
    }
}
