package dev.switchboard.automation.internal;

import dev.switchboard.notification.OutboundChannel;
import dev.switchboard.notification.OutboxDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox's webhook calls: a signed POST (see {@link WebhookSignature}) with
 * {@code X-Switchboard-Event}, {@code X-Switchboard-Delivery} (the same id on every retry, so a receiver can
 * drop repeats), {@code X-Switchboard-Timestamp} and {@code X-Switchboard-Signature}. Bounded: a connect and a
 * request timeout, no redirects followed, at most a few KB of the answer read. A 2xx is delivered; a 4xx but
 * 408 and 429 is refused for good (the receiver said no, and will say it again); 5xx, 408, 429 and timeouts
 * are tried again by the outbox. The address is checked again before each attempt (DNS can change).
 */
@Component
class WebhookChannel implements OutboundChannel {

    private static final int MAX_ANSWER = 4096;

    private final WebhookDeliveries deliveries;
    private final TriggerRecords triggers;
    private final WebhookAddresses addresses;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    WebhookChannel(WebhookDeliveries deliveries, TriggerRecords triggers, WebhookAddresses addresses, Clock clock,
                   @Value("${switchboard.webhooks.connect-timeout:5s}") Duration connectTimeout,
                   @Value("${switchboard.webhooks.timeout:10s}") Duration timeout) {
        this.deliveries = deliveries;
        this.triggers = triggers;
        this.addresses = addresses;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String channel() {
        return WebhookCalls.CHANNEL;
    }

    @Override
    public void deliver(OutboxDelivery delivery) throws Exception {
        WebhookDeliveries.Delivery call = deliveries.of(delivery.id()).orElseThrow(() ->
                new DeliveryRefused("no webhook call is recorded for outbox item " + delivery.id(), null));
        String secret = call.triggerId() == null ? null : triggers.secret(call.triggerId()).orElse(null);
        if (secret == null) {
            throw new DeliveryRefused("the trigger that made this call was deleted, so there is no secret to sign it with", null);
        }
        URI uri = addresses.forDelivery(call.url());
        byte[] body = delivery.message().text() == null ? new byte[0]
                : delivery.message().text().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Switchboard-Webhooks/1")
                .header("X-Switchboard-Event", call.event())
                .header("X-Switchboard-Delivery", call.deliveryId().toString())
                .header("X-Switchboard-Timestamp", Long.toString(timestamp))
                .header("X-Switchboard-Signature", new WebhookSignature(secret).sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String answer = beginningOf(response);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String said = call.url() + " answered " + status + (answer.isBlank() ? "" : ": " + answer);
        if (status >= 300 && status < 400) {
            throw new DeliveryRefused(said + " (a redirect to " + response.headers().firstValue("Location").orElse("?")
                    + "; webhooks follow no redirects: give the trigger the final address)", null);
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new DeliveryRefused(said, null);
        }
        throw new IOException(said);
    }

    /** The first few KB of the answer, for the outbox's last error; the rest is never read. */
    private static String beginningOf(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            byte[] head = in.readNBytes(MAX_ANSWER);
            return new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        }
    }
}
