package dev.switchboard.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database a test context runs on: H2 in PostgreSQL mode (the embedded default), or, when the build
 * sets {@code switchboard.test.database=postgresql}, a real PostgreSQL started in this JVM. Each Spring
 * context gets a database of its own, so contexts never see each other's data.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        return "postgresql".equals(System.getProperty("switchboard.test.database"));
    }

    public static synchronized String freshUrl() {
        String name = "sb" + COUNTER.incrementAndGet();
        if (!isPostgres()) {
            return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                    + ";OPTIMIZE_REUSE_RESULTS=FALSE"; // see application.properties
        }
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String user() {
        return isPostgres() ? "postgres" : "sa";
    }
}
