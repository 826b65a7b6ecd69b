package dev.switchboard.storage;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Which database the records are kept in, for the few statements only one of them runs: on PostgreSQL,
 * inserts that belong together go as one statement (data-modifying CTEs), which H2 cannot do.
 */
@Component
public class StorageDatabase {

    private final boolean postgres;

    public StorageDatabase(DataSource dataSource) {
        try {
            this.postgres = "PostgreSQL".equals(
                    JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /** Whether several inserts may be one statement of data-modifying CTEs. */
    public boolean combinesInserts() {
        return postgres;
    }

    /** Whether a transaction may bound its own wait for a lock ({@code set local lock_timeout}). */
    boolean limitsLockWaits() {
        return postgres;
    }
}
