package dev.switchboard.storage;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The application's transaction manager: Spring's JDBC one, except that on PostgreSQL a transaction with
 * {@link DeferredInserts} waiting sends them and its {@code COMMIT} in one round trip. Every new ticket
 * commits that way; four round trips a ticket become three. The driver then finds the connection idle and
 * sends no commit of its own.
 */
@Component
class StorageTransactionManager extends JdbcTransactionManager {

    private final transient DeferredInserts deferred;

    StorageTransactionManager(DataSource dataSource, DeferredInserts deferred) {
        super(dataSource);
        this.deferred = deferred;
        deferred.sendWithCommit();
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        // a failure here (an insert, or the commit itself) propagates: Spring rolls the transaction back
        deferred.writeWithCommit();
        super.doCommit(status); // a no-op on an idle connection
    }
}
