package dev.switchboard.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class TicketViewJsonTest {

    private final JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    @Test
    void sectionsFromOtherModulesAreTopLevelFieldsOfTheTicket() {
        TicketView ticket = new TicketView(1, "s", "d", "open", "normal", null, "api",
                new TicketView.Person(2, "Bob", "bob@example.com"), null, null, null, null, List.of(),
                Instant.EPOCH, Instant.EPOCH, null, null, null, 0, null, List.of(), 3)
                .withSection("sla", Map.of("state", "ok"));
        JsonNode node = json.readTree(json.writeValueAsString(ticket));
        assertThat(node.get("sla").get("state").asString()).isEqualTo("ok");
        assertThat(node.has("sections")).isFalse();
        assertThat(node.has("section_fields")).isFalse();
        assertThat(node.get("version").asInt()).isEqualTo(3);
    }
}
