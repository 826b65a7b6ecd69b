package dev.switchboard.channel.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxPasswordsTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceReadableByItsOwnerOnly() throws Exception {
        MailboxPasswords first = new MailboxPasswords("", dataDir.toString());
        String encrypted = first.encrypt("imap-secret");

        Path file = dataDir.resolve(MailboxPasswords.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String key = Files.readString(file);
        MailboxPasswords restarted = new MailboxPasswords("", dataDir.toString());
        assertThat(restarted.decrypt(encrypted)).isEqualTo("imap-secret");
        assertThat(Files.readString(file)).isEqualTo(key);
    }

    @Test
    void eachValueGetsItsOwnNonceAndOnlyTheSameKeyReadsIt() {
        MailboxPasswords node = new MailboxPasswords("shared-key-0123456789abcdef", dataDir.toString());
        MailboxPasswords sameKey = new MailboxPasswords("shared-key-0123456789abcdef", dataDir.toString());
        MailboxPasswords otherKey = new MailboxPasswords("another-key-0123456789abcdef", dataDir.toString());

        String once = node.encrypt("imap-secret");
        assertThat(node.encrypt("imap-secret")).isNotEqualTo(once);
        assertThat(once).doesNotContain("imap-secret");
        assertThat(sameKey.decrypt(once)).isEqualTo("imap-secret");
        assertThatThrownBy(() -> otherKey.decrypt(once)).hasMessageContaining("SWITCHBOARD_SECRET_KEY");
        assertThat(Files.exists(dataDir.resolve(MailboxPasswords.KEY_FILE))).isFalse();
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new MailboxPasswords("short", dataDir.toString()))
                .hasMessageContaining("at least " + MailboxPasswords.MIN_KEY_LENGTH);
    }
}
