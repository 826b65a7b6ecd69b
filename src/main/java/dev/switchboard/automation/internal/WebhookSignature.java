package dev.switchboard.automation.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook proves where it comes from: {@code sha256=} and the lower-case hex HMAC-SHA256, keyed with
 * the trigger's secret (its UTF-8 bytes), of the timestamp in Unix seconds, a full stop, and the raw body —
 * {@code "1772442000.{\"event\":…}"}. The timestamp travels in {@code X-Switchboard-Timestamp}, so a receiver
 * can refuse an old call replayed at it.
 */
record WebhookSignature(String secret) {

    String sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[secret hidden]";
    }
}
