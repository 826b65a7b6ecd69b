package dev.switchboard.identity.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On an empty database, creates the first admin: the one named by SWITCHBOARD_ADMIN_EMAIL and
 * SWITCHBOARD_ADMIN_PASSWORD, or else admin@switchboard.local with a random password that is printed once
 * and written to {@code initial-admin-password} in the data directory, readable by its owner only.
 */
@Component
@Order(0)
class FirstRunAdmin implements ApplicationRunner {

    static final String DEFAULT_EMAIL = "admin@switchboard.local";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger log = LoggerFactory.getLogger(FirstRunAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserRecords users;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String email;
    private final String password;
    private final Path dataDir;

    FirstRunAdmin(UserRecords users, PasswordEncoder encoder, AuditTrail audit, TransactionTemplate tx, Clock clock,
                  @Value("${switchboard.admin.email:}") String email,
                  @Value("${switchboard.admin.password:}") String password,
                  @Value("${switchboard.data-dir:./data}") String dataDir) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.email = email;
        this.password = password;
        this.dataDir = Path.of(dataDir);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (users.any()) {
            return;
        }
        boolean generated = password == null || password.isBlank();
        if (!generated && password.length() < Accounts.MIN_PASSWORD) {
            throw new IllegalStateException("SWITCHBOARD_ADMIN_PASSWORD must have at least " + Accounts.MIN_PASSWORD + " characters");
        }
        String address = email == null || email.isBlank() ? DEFAULT_EMAIL : email.trim();
        String secret = generated ? randomPassword() : password;
        Instant now = clock.instant();
        Long id = tx.execute(s -> users.insert("Administrator", address, Role.ADMIN, null, encoder.encode(secret), now)
                .map(created -> {
                    audit.record(AuditEntry.action("user", created, "created", null, "first-run", now).withReason("role admin"));
                    return created;
                }).orElse(null));
        if (id == null) {
            return; // another node created it first
        }
        if (generated) {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(PASSWORD_FILE);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, secret + System.lineSeparator());
            log.warn("""

                    ============================================================
                     First run: created the admin {} with the password
                       {}
                     It is also in {} (readable by you only).
                     Sign in and change it; this is the only time it is shown.
                    ============================================================""", address, secret, file.toAbsolutePath());
        } else {
            log.info("First run: created the admin {}", address);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
