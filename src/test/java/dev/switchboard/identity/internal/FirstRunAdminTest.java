package dev.switchboard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/** A fresh install with no admin configured gets one with a random password, told once. */
@TestPropertySource(properties = {"switchboard.admin.email=", "switchboard.admin.password="})
class FirstRunAdminTest extends IntegrationTest {

    @Value("${switchboard.data-dir}")
    String dataDir;

    @Autowired
    FirstRunAdmin firstRun;

    @Test
    void randomAdminPasswordIsWrittenForTheOwnerOnlyAndSignsIn() throws Exception {
        Path file = Path.of(dataDir, FirstRunAdmin.PASSWORD_FILE);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSize(20);

        var me = anonymous().basic(FirstRunAdmin.DEFAULT_EMAIL, password).get("/api/v1/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("role")).isEqualTo("admin");
    }

    @Test
    void laterStartsLeaveAnExistingHelpdeskAlone() throws Exception {
        Path file = Path.of(dataDir, FirstRunAdmin.PASSWORD_FILE);
        String before = Files.readString(file);
        firstRun.run(null);
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(anonymous().basic(FirstRunAdmin.DEFAULT_EMAIL, before.strip()).get("/api/v1/users/me").status()).isEqualTo(200);
    }
}
