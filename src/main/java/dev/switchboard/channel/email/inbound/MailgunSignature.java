package dev.switchboard.channel.email.inbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks that a webhook request comes from Mailgun: the signature is the hex HMAC-SHA256 of timestamp and
 * token under the signing key (SWITCHBOARD_MAILGUN_SIGNING_KEY), compared in constant time; the timestamp is
 * within five minutes of our clock; and the token was not seen before.
 */
@Component
class MailgunSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final int MAX_TOKEN = 256;

    private final byte[] key;
    private final MailgunTokens tokens;
    private final Clock clock;

    MailgunSignature(@Value("${switchboard.mail.mailgun.signing-key:}") String key, MailgunTokens tokens, Clock clock) {
        this.key = key == null || key.isBlank() ? null : key.strip().getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
        this.clock = clock;
    }

    boolean configured() {
        return key != null;
    }

    /** Why the request is refused, or empty when it is Mailgun's and new (its token is then used up). */
    Optional<String> refusal(String timestamp, String token, String signature) {
        if (timestamp == null || token == null || signature == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return Optional.of("timestamp, token and signature are required");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        } catch (RuntimeException e) {
            return Optional.of("the timestamp is not a number of seconds");
        }
        byte[] expected = HexFormat.of().formatHex(hmac(timestamp.strip() + token)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("the signature does not match (check SWITCHBOARD_MAILGUN_SIGNING_KEY)");
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            return Optional.of("the timestamp is more than " + TOLERANCE.toMinutes() + " minutes from our clock");
        }
        if (!tokens.claim(token, now.plus(TOLERANCE.multipliedBy(2)), now)) {
            return Optional.of("the token was used before (a replayed request)");
        }
        return Optional.empty();
    }

    void release(String token) {
        tokens.release(token);
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
