package dev.switchboard.automation.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook_deliveries table: what the webhook channel needs beside the outbox item to make the call. */
@Repository
class WebhookDeliveries {

    /** One call: the id the receiver sees, the trigger whose secret signs it, the event and the full URL. */
    record Delivery(long outboxId, UUID deliveryId, Long triggerId, String event, String url) {
    }

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Delivery delivery, Instant now) {
        jdbc.sql("""
                        insert into webhook_deliveries (outbox_id, delivery_id, trigger_id, event, url, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(delivery.outboxId(), delivery.deliveryId(), delivery.triggerId(), delivery.event(),
                        delivery.url(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
    }

    Optional<Delivery> of(long outboxId) {
        return jdbc.sql("select outbox_id, delivery_id, trigger_id, event, url from webhook_deliveries where outbox_id = ?")
                .param(outboxId)
                .query((rs, n) -> new Delivery(rs.getLong("outbox_id"), rs.getObject("delivery_id", UUID.class),
                        rs.getObject("trigger_id", Long.class), rs.getString("event"), rs.getString("url")))
                .optional();
    }
}
