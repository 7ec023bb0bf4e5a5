package io.mandate.agent.instrumentation.jdbc;

import io.mandate.agent.instrumentation.jdbc.runtime.JdbcEnforcement;
import io.mandate.agent.instrumentation.jdbc.runtime.JdbcPolicyDenial;
import io.mandate.agent.instrumentation.jdbc.runtime.StatementRegistry;
import io.mandate.agent.instrumentation.jdbc.sql.SqlClassifier;
import io.mandate.agent.instrumentation.jdbc.sql.SqlRedactor;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.policy.Decision;
import io.mandate.policy.Request;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the hooks behave when parts of the agent fail: reported, never thrown at the application. */
class JdbcEnforcementTest {
    private final List<String> internalErrors = new ArrayList<>();
    private final TableDenyingEnforcer enforcer = new TableDenyingEnforcer();
    private final SqlClassifier classifier = new SqlClassifier(100, 100_000, 10_000, new SqlRedactor(500),
            (where, error) -> internalErrors.add(where));

    @Test
    void classificationCrashIsReportedAndDecidedAsUnknownSql() {
        StatementRegistry brokenRegistry = new StatementRegistry(100, null, 500);
        JdbcEnforcement hooks = new JdbcEnforcement(enforcer, classifier, brokenRegistry,
                (where, error) -> internalErrors.add(where));
        Object statement = new Object();
        brokenRegistry.prepared(statement, "SELECT * FROM customers");
        enforcer.denyOperation("unknown");

        Object outcome = hooks.beforeExecute(statement, null, false);

        assertEquals(List.of("jdbc.classify"), internalErrors);
        JdbcPolicyDenial denial = assertInstanceOf(JdbcPolicyDenial.class, outcome);
        assertEquals(TableDenyingEnforcer.DENY_RULE, denial.ruleId());
        assertEquals(List.of("unknown "), enforcer.records.get(0).accesses());
    }

    @Test
    void journalFailureIsReportedAndTheCallStands() {
        TableDenyingEnforcer failingJournal = new TableDenyingEnforcer() {
            @Override
            public void record(Request request, Decision decision, boolean blocked, String operation,
                               String displayResource, long startEpochNanos, long durationNanos, Throwable error) {
                throw new IllegalStateException("journal full");
            }
        };
        JdbcEnforcement hooks = new JdbcEnforcement(failingJournal, classifier,
                new StatementRegistry(100, classifier, 500), (where, error) -> internalErrors.add(where));

        Object call = hooks.beforeExecute(new Object(), "SELECT * FROM customers", false);
        hooks.afterExecute(call, null);

        assertEquals(List.of("jdbc.record"), internalErrors);
    }

    @Test
    void rowsAreChargedToTheReadingThreadAndStopOverBudget() {
        JdbcEnforcement hooks = new JdbcEnforcement(enforcer, classifier, new StatementRegistry(100, classifier, 500),
                (where, error) -> internalErrors.add(where));
        enforcer.rowBudget = 2;
        assertNull(hooks.rowRead());
        assertNull(hooks.rowRead());
        assertInstanceOf(JdbcPolicyDenial.class, hooks.rowRead());
        assertEquals(List.of(), internalErrors);
        // the journal: the two rows read, then the denied row as a call charging one row
        assertEquals(List.of(new TableDenyingEnforcer.Usage("", "", "rows", 2, 1)), enforcer.usage);
        assertEquals(List.of(1L), enforcer.recordUnits);
    }

    private JdbcEnforcement hooks() {
        return new JdbcEnforcement(enforcer, classifier, new StatementRegistry(100, classifier, 500),
                (where, error) -> internalErrors.add(where));
    }

    private static void execute(JdbcEnforcement hooks, String sql) {
        hooks.afterExecute(hooks.beforeExecute(new Object(), sql, false), null);
    }

    @Test
    void theRowsOfRepeatedExecutionsOfAStatementAreOneRecordJournaledWhenAnotherStatementRuns() {
        JdbcEnforcement hooks = hooks();
        for (int execution = 0; execution < 3; execution++) {
            execute(hooks, "SELECT name FROM customers WHERE id = " + execution);
            for (int i = 0; i < 2; i++) {
                assertNull(hooks.rowRead());
            }
            hooks.rowsEnded();
        }
        assertEquals(List.of(), enforcer.usage, "nothing journaled per row or per result set");
        execute(hooks, "SELECT id FROM tickets");
        assertEquals(List.of(new TableDenyingEnforcer.Usage("", "SELECT name FROM customers WHERE id = ?", "rows", 6, 3)),
                enforcer.usage);
        assertEquals("SELECT id FROM tickets", enforcer.records.get(enforcer.records.size() - 1).display(),
                "the rows come before the next statement");
        assertEquals(List.of(), internalErrors);
    }

    @Test
    void rowsAreJournaledInTheChainTheyWereReadInAndBeforeItCloses() {
        JdbcEnforcement hooks = hooks();
        execute(hooks, "SELECT name FROM customers");
        ChainContext chain = ChainContext.root("bot", "c-1", "", "");
        ContextHolder.attach(chain);
        try {
            hooks.rowRead();
            hooks.rowRead();
        } finally {
            ContextHolder.attach(null);
        }
        hooks.rowRead(); // outside the chain again: the chain's two rows are journaled first
        assertEquals(List.of(new TableDenyingEnforcer.Usage("c-1", "SELECT name FROM customers", "rows", 2, 1)),
                enforcer.usage);

        ContextHolder.attach(chain);
        try {
            execute(hooks, "SELECT id FROM tickets"); // journals the row read outside the chain
            hooks.rowRead();
            enforcer.closing(chain);
        } finally {
            ContextHolder.attach(null);
        }
        assertEquals(List.of(new TableDenyingEnforcer.Usage("c-1", "SELECT name FROM customers", "rows", 2, 1),
                new TableDenyingEnforcer.Usage("", "SELECT name FROM customers", "rows", 1, 1),
                new TableDenyingEnforcer.Usage("c-1", "SELECT id FROM tickets", "rows", 1, 1)), enforcer.usage);
    }
}
