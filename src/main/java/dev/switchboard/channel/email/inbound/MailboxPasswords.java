package dev.switchboard.channel.email.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;

/**
 * Encrypts mailbox passwords at rest with AES-GCM (Spring Security Crypto's {@code Encryptors.stronger}),
 * under the key from {@code SWITCHBOARD_SECRET_KEY}. Without one, a random key is generated once and kept in
 * the data directory as {@code secret-key}, readable by its owner only: enough for one node, while several
 * nodes must share one SWITCHBOARD_SECRET_KEY, or each would fail to read the others' passwords.
 */
@Component
class MailboxPasswords {

    static final String KEY_FILE = "secret-key";
    static final int MIN_KEY_LENGTH = 16;
    private static final Logger log = LoggerFactory.getLogger(MailboxPasswords.class);
    /**
     * The PBKDF2 salt that derives the AES key from the secret. It is fixed so that every node derives the
     * same key; the secret itself carries the randomness, and each value gets its own random GCM nonce.
     */
    private static final String SALT = HexFormat.of().formatHex("switchboard:mailbox".getBytes(StandardCharsets.UTF_8));

    private final TextEncryptor encryptor;

    MailboxPasswords(@Value("${switchboard.secret-key:}") String secretKey,
                     @Value("${switchboard.data-dir:./data}") String dataDir) {
        this.encryptor = Encryptors.delux(key(secretKey, Path.of(dataDir)), SALT);
    }

    String encrypt(String password) {
        return encryptor.encrypt(password);
    }

    String decrypt(String encrypted) {
        try {
            return encryptor.decrypt(encrypted);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalStateException("The mailbox password cannot be decrypted with this server's secret key. "
                    + "Every node must run with the same SWITCHBOARD_SECRET_KEY; otherwise set the password again.", e);
        }
    }

    private static String key(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() < MIN_KEY_LENGTH) {
                throw new IllegalStateException("SWITCHBOARD_SECRET_KEY must have at least " + MIN_KEY_LENGTH
                        + " characters; generate one with: openssl rand -hex 32");
            }
            return configured.strip();
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                String generated = HexFormat.of().formatHex(KeyGenerators.secureRandom(32).generateKey());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
                Files.writeString(file, generated + System.lineSeparator());
                log.warn("No SWITCHBOARD_SECRET_KEY set: generated one in {}. Several nodes must share one "
                        + "SWITCHBOARD_SECRET_KEY instead.", file.toAbsolutePath());
                return generated;
            }
        } catch (FileAlreadyExistsException raced) {
            // another start in the same data directory wrote it first: read theirs below
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the secret key file " + file, e);
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret key file " + file, e);
        }
    }
}
