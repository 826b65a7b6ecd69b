package dev.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.IntegrationTest;
import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.support.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Inserts that wait for the commit, on a real database: the audit trail is one of their users. */
class DeferredInsertsTest extends IntegrationTest {

    @Autowired
    DeferredInserts deferred;
    @Autowired
    AuditTrail audit;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    private final long subject = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);

    private AuditEntry line(String action) {
        return AuditEntry.action("deferred-test", subject, action, null, "test", START);
    }

    private List<String> storedActions() {
        return jdbc.sql("select action from audit_events where subject_type = 'deferred-test' and subject_id = ? order by id")
                .param(subject).query(String.class).list();
    }

    @Test
    void everyInsertOfATransactionLandsWhenItCommitsInTheOrderTheyWereAdded() {
        tx.executeWithoutResult(s -> {
            audit.record(List.of(line("first"), line("second")));
            deferred.add("insert into audit_events (subject_type, subject_id, action, actor_system, occurred_at) "
                    + "values ('deferred-test', ?, 'third', 'test', current_timestamp)", subject);
            audit.record(List.of(line("fourth")));
        });

        assertThat(storedActions()).containsExactly("first", "second", "third", "fourth");
    }

    @Test
    void aReadThroughTheOwnerSeesWhatItsTransactionAddedBeforeTheCommit() {
        List<String> seen = tx.execute(s -> {
            audit.record(List.of(line("created"), line("changed")));
            return audit.of("deferred-test", subject).stream().map(AuditEntry::action).toList();
        });

        assertThat(seen).containsExactly("created", "changed");
        assertThat(storedActions()).containsExactly("created", "changed");
    }

    @Test
    void aTransactionThatRollsBackWritesNothing() {
        tx.executeWithoutResult(s -> {
            audit.record(List.of(line("never")));
            s.setRollbackOnly();
        });

        assertThat(storedActions()).isEmpty();
    }

    @Test
    void aFailingInsertFailsTheCommitAndTakesTheOthersBackWithIt() {
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            audit.record(List.of(line("kept only if all land")));
            deferred.add("insert into audit_events (subject_type, subject_id, action, actor_system, occurred_at) "
                    + "values (null, ?, 'no subject type', 'test', current_timestamp)", subject);
        })).isInstanceOf(DataAccessException.class);

        assertThat(storedActions()).isEmpty();
    }

    @Test
    void anInsertAddedWhileTheTransactionCommitsRunsAtOnce() {
        tx.executeWithoutResult(s -> {
            audit.record(List.of(line("during the work")));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    audit.record(List.of(line("as it commits")));
                }

                @Override
                public int getOrder() {
                    return Ordered.LOWEST_PRECEDENCE;
                }
            });
        });

        assertThat(storedActions()).containsExactly("during the work", "as it commits");
    }

    @Test
    void moreRowsThanOneStatementTakesAreSplitAndKeepTheirOrder() {
        List<AuditEntry> many = IntStream.range(0, 4_500).mapToObj(i -> line("line " + i)).toList();

        tx.executeWithoutResult(s -> audit.record(many));

        assertThat(storedActions()).hasSize(4_500).startsWith("line 0", "line 1").endsWith("line 4498", "line 4499");
        assertThat(storedActions()).isEqualTo(many.stream().map(AuditEntry::action).toList());
    }

    @Test
    void aTransactionStartedInsideAnotherWritesItsOwnInsertsWhenItCommits() {
        TransactionTemplate inner = new TransactionTemplate(tx.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        tx.executeWithoutResult(s -> {
            audit.record(List.of(line("outer, rolled back")));
            inner.executeWithoutResult(i -> audit.record(List.of(line("inner, committed"))));
            s.setRollbackOnly();
        });

        assertThat(storedActions()).containsExactly("inner, committed");
    }

    /** Deferred inserts and a transaction manager of their own, over connections that note what they are sent. */
    private record Recorded(List<String> sent, DeferredInserts inserts, TransactionTemplate tx) {
    }

    private Recorded recorded() {
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        DataSource recording = recordingStatements(dataSource, sent);
        DeferredInserts ownInserts = new DeferredInserts(JdbcClient.create(recording), new StorageDatabase(recording));
        return new Recorded(sent, ownInserts, new TransactionTemplate(new StorageTransactionManager(recording, ownInserts)));
    }

    @Test
    void onPostgresTheLastInsertCarriesTheCommitSoTheCommitCostsNoRoundTripOfItsOwn() {
        Recorded own = recorded();

        own.tx().executeWithoutResult(s -> own.inserts().add("insert into audit_events (subject_type, subject_id, action, "
                + "actor_system, occurred_at) values ('deferred-test', ?, 'with the commit', 'test', current_timestamp)", subject));

        assertThat(storedActions()).containsExactly("with the commit");
        if (TestDatabase.isPostgres()) {
            assertThat(own.sent()).singleElement().asString().startsWith("insert into audit_events").endsWith("; commit");
            assertThat(own.sent()).as("the driver found nothing left to commit").doesNotContain("COMMIT (driver)");
        } else {
            assertThat(own.sent()).singleElement().asString().doesNotContain("; commit");
        }
    }

    @Test
    void insertsSelectingFromOneValuesTupleCombineIntoOneStatementWithTheRestOfTheirSelectAfterTheRows() {
        Recorded own = recorded();
        String insert = """
                insert into audit_events (subject_type, subject_id, action, actor_system, occurred_at)
                select 'deferred-test', subject, action, 'test', current_timestamp
                from (values (cast(? as bigint), ?, cast(? as integer))) as v(subject, action, ord) order by ord""";

        own.tx().executeWithoutResult(s -> {
            own.inserts().add(insert, subject, "first", 1);
            own.inserts().add(insert, subject, "second", 2);
            own.inserts().add(insert, subject, "third", 3);
        });

        assertThat(storedActions()).containsExactly("first", "second", "third");
        assertThat(own.sent()).singleElement().asString().contains("), (").endsWith(TestDatabase.isPostgres()
                ? "order by ord; commit" : "order by ord");
    }

    @Test
    void everyTransactionCommitsThroughTheManagerThatWritesWhatWaits(@Autowired List<PlatformTransactionManager> managers) {
        assertThat(managers).singleElement().isInstanceOf(StorageTransactionManager.class);
        assertThat(tx.getTransactionManager()).isSameAs(managers.get(0));
    }

    /** A data source whose connections note each statement prepared, and each commit the driver had to send. */
    private static DataSource recordingStatements(DataSource target, List<String> sent) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")) {
                                sent.add((String) args[0]);
                            }
                            if (method.getName().equals("commit") && real.isWrapperFor(BaseConnection.class)
                                    && real.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
                                sent.add("COMMIT (driver)");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    @Test
    void onlyASingleInsertMayWait() {
        assertThatThrownBy(() -> deferred.add("delete from audit_events")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deferred.add("insert into audit_events values (1); delete from audit_events"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
