package dev.switchboard.channel.email.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A shared secret a webhook caller must present. Compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, in constant time, so neither the content nor the length leaks through timing.
 */
record HookSecret(byte[] digest) {

    static HookSecret of(String secret) {
        return new HookSecret(secret == null || secret.isBlank() ? null
                : Envelope.sha256(secret.strip().getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII));
    }

    boolean configured() {
        return digest != null;
    }

    boolean matches(String presented) {
        if (digest == null || presented == null) {
            return false;
        }
        byte[] given = Envelope.sha256(presented.strip().getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(digest, given);
    }
}
