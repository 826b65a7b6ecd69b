package dev.switchboard.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Inserts that nothing reads in the transaction that makes them (an audit line, a new ticket's SLA clock, an
 * outbox item), sent together as the transaction commits instead of one round trip each. On PostgreSQL they go
 * as one statement (data-modifying CTEs: one parse, one executor start-up, one round trip); elsewhere (H2,
 * embedded, where a statement costs no round trip) statement by statement. Either way the same insert added
 * several times becomes one multi-row insert.
 *
 * <p>The module that owns such a table calls {@link #flush(String)} before it reads or changes rows of it, so a
 * read in the same transaction always sees what was added. An insert added while the transaction is already
 * committing, or outside any transaction, runs at once. A failing insert fails the commit, so the transaction
 * rolls back as it would have had the insert run at once.
 *
 * <p>With {@link StorageTransactionManager} on PostgreSQL the inserts wait even longer: until the transaction
 * manager commits, after every other piece of work done at commit time (triggers, the answer read back), and
 * the last statement carries the {@code COMMIT} with it, so a new ticket's commit costs no round trip of its own.
 */
@Component
public class DeferredInserts {

    /** PostgreSQL takes at most 65,535 parameters in a statement; stay well below. */
    private static final int MAX_PARAMETERS = 30_000;
    /**
     * An insert whose rows are one {@code values} tuple (casts inside it allowed); what follows it (an insert
     * from {@code (values (…)) as v(…)} with the rest of its select) stays after the rows when several combine.
     */
    private static final Pattern VALUES = Pattern.compile("(?is)(.*\\bvalues\\s*)(\\((?:[^()]|\\([^()]*\\))*\\))(.*)");
    private static final Pattern INSERT = Pattern.compile("\\s*insert\\s+into\\s+(\\w+)[\\s(]", Pattern.CASE_INSENSITIVE);

    private final TransactionScoped<Pending> pending = new TransactionScoped<>();
    private final JdbcClient jdbc;
    private final boolean oneStatement;
    private volatile boolean sentWithCommit;

    public DeferredInserts(JdbcClient jdbc, StorageDatabase database) {
        this.jdbc = jdbc;
        this.oneStatement = database.combinesInserts();
    }

    /**
     * Adds one insert to the current transaction's.
     *
     * @param insert a single {@code insert} statement with {@code ?} parameters and no {@code returning}
     */
    public void add(String insert, Object... params) {
        Matcher into = INSERT.matcher(insert);
        if (!into.lookingAt() || insert.contains(";")) {
            throw new IllegalArgumentException("Only single inserts can wait for the commit: " + insert);
        }
        Pending waiting = pending.current(() -> {
            Pending fresh = new Pending();
            TransactionSynchronizationManager.registerSynchronization(fresh);
            return fresh;
        });
        if (waiting == null || waiting.committing) {
            jdbc.sql(insert).params(params).update();
            return;
        }
        waiting.inserts.add(new Insert(into.group(1).toLowerCase(Locale.ROOT), insert, params));
    }

    /**
     * Runs the inserts added so far in this transaction if any of them goes into this table: call it before
     * reading or changing the table's rows.
     */
    public void flush(String table) {
        Pending waiting = pending.current();
        if (waiting != null && waiting.inserts.stream().anyMatch(i -> i.table().equals(table))) {
            waiting.write();
        }
    }

    /**
     * From now on the transaction manager writes what waits as it commits ({@link #writeWithCommit()}), on
     * PostgreSQL; elsewhere nothing changes. Every transaction must then commit through that manager: it is
     * the application's only one ({@code DeferredInsertsTest} checks).
     */
    void sendWithCommit() {
        sentWithCommit = oneStatement;
    }

    /**
     * Writes what this transaction's inserts wait for with the {@code COMMIT} appended to the last statement,
     * so the transaction is committed when this returns; does nothing if nothing waits. Only the transaction
     * manager calls this, as it commits.
     */
    void writeWithCommit() {
        Pending waiting = pending.current();
        if (sentWithCommit && waiting != null && !waiting.committing && !waiting.inserts.isEmpty()) {
            waiting.committing = true;
            waiting.write(true);
        }
    }

    private record Insert(String table, String sql, Object[] params) {
    }

    /**
     * The same insert added several times becomes one insert of several rows, in the order they were added, as
     * long as no other insert into its table came in between: rows of one table get their ids in the order they
     * were added (an audit trail is read in id order).
     */
    private static List<Insert> combined(List<Insert> inserts) {
        List<List<Insert>> groups = new ArrayList<>();
        Map<String, Integer> groupOfSql = new HashMap<>();
        Map<String, Integer> lastGroupOfTable = new HashMap<>();
        for (Insert insert : inserts) {
            Integer group = groupOfSql.get(insert.sql());
            if (group == null || !group.equals(lastGroupOfTable.get(insert.table()))) {
                group = groups.size();
                groups.add(new ArrayList<>());
                groupOfSql.put(insert.sql(), group);
                lastGroupOfTable.put(insert.table(), group);
            }
            groups.get(group).add(insert);
        }
        List<Insert> statements = new ArrayList<>();
        for (List<Insert> same : groups) {
            Matcher values = VALUES.matcher(same.get(0).sql());
            if (same.size() == 1 || !values.matches()) {
                statements.addAll(same);
                continue;
            }
            int perRow = same.get(0).params().length;
            int rowsPerStatement = Math.max(1, MAX_PARAMETERS / Math.max(1, perRow));
            for (int from = 0; from < same.size(); from += rowsPerStatement) {
                List<Insert> rows = same.subList(from, Math.min(same.size(), from + rowsPerStatement));
                StringBuilder sql = new StringBuilder(values.group(1));
                List<Object> params = new ArrayList<>();
                for (int r = 0; r < rows.size(); r++) {
                    sql.append(r == 0 ? "" : ", ").append(values.group(2));
                    params.addAll(Arrays.asList(rows.get(r).params()));
                }
                sql.append(values.group(3));
                statements.add(new Insert(same.get(0).table(), sql.toString(), params.toArray()));
            }
        }
        return statements;
    }

    private final class Pending implements TransactionSynchronization {

        private final List<Insert> inserts = new ArrayList<>();
        private boolean committing;

        void write() {
            write(false);
        }

        /** With {@code commit}, the last statement ends with {@code ; commit} (one round trip for both). */
        void write(boolean commit) {
            if (inserts.isEmpty()) {
                return;
            }
            List<Insert> due = List.copyOf(inserts);
            inserts.clear();
            List<Insert> statements = combined(due);
            if (!oneStatement) {
                statements.forEach(insert -> jdbc.sql(insert.sql()).params(insert.params()).update());
                return;
            }
            // with i0 as (insert …), i1 as (insert …) insert …: every insert runs, in one statement. The parts of
            // one statement run in no promised order, so two inserts into one table go in separate statements.
            for (int from = 0, to; from < statements.size(); from = to) {
                int parameters = statements.get(from).params().length;
                Set<String> tables = new HashSet<>(Set.of(statements.get(from).table()));
                for (to = from + 1; to < statements.size()
                        && parameters + statements.get(to).params().length <= MAX_PARAMETERS
                        && tables.add(statements.get(to).table()); to++) {
                    parameters += statements.get(to).params().length;
                }
                StringBuilder sql = new StringBuilder();
                List<Object> params = new ArrayList<>(parameters);
                for (int k = from; k < to; k++) {
                    Insert insert = statements.get(k);
                    if (k < to - 1) {
                        sql.append(k == from ? "with " : ", ").append('i').append(k).append(" as (").append(insert.sql()).append(')');
                    } else {
                        sql.append(k == from ? "" : " ").append(insert.sql());
                    }
                    params.addAll(Arrays.asList(insert.params()));
                }
                if (commit && to == statements.size()) {
                    sql.append("; commit");
                }
                jdbc.sql(sql.toString()).params(params).update();
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (sentWithCommit) {
                return; // the transaction manager writes them as it commits
            }
            // late, after most other synchronizations; what one adds after this has run goes at once (committing)
            write();
            committing = true;
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
