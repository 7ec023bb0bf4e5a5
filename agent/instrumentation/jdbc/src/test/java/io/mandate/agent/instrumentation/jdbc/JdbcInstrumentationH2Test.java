package io.mandate.agent.instrumentation.jdbc;

import com.example.pool.DelegatingStatement;
import com.example.pool.SelfQueryingConnection;
import com.example.pool.ValidatingDataSource;
import io.mandate.agent.instrumentation.jdbc.runtime.JdbcPolicyDenial;
import io.mandate.api.PolicyDenial;
import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.bootstrap.jdbc.JdbcDispatch;
import io.mandate.bootstrap.jdbc.JdbcHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module's transformations installed for real (ByteBuddyAgent) on the H2 driver, decided by a
 * hand-written enforcer: what reaches the database, what is journaled, and what is refused first.
 */
class JdbcInstrumentationH2Test {
    private static final TableDenyingEnforcer ENFORCER = new TableDenyingEnforcer();
    private Connection connection;

    @BeforeEach
    void openDatabase() throws SQLException {
        ENFORCER.reset();
        InstalledJdbcAgent.use(ENFORCER);
        connection = DriverManager.getConnection("jdbc:h2:mem:jdbc_instrumentation;DB_CLOSE_DELAY=-1");
        try (Statement setup = connection.createStatement()) {
            setup.execute("DROP ALL OBJECTS");
            setup.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50))");
            setup.execute("CREATE TABLE salaries (id INT PRIMARY KEY, amount INT)");
            setup.execute("CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(100))");
            setup.execute("INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus'), (4, 'Barbara'), (5, 'Ken')");
            setup.execute("INSERT INTO salaries VALUES (1, 100000), (2, 120000)");
        }
        ENFORCER.records.clear();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        ContextHolder.attach(null);
        connection.close();
        assertFalse(CallGuard.active(), "every guard entered by advice was left");
        assertEquals(List.of(), InstalledJdbcAgent.TRANSFORM_ERRORS);
        assertEquals(List.of(), InstalledJdbcAgent.INTERNAL_ERRORS);
    }

    @Test
    void driverClassesAreInstrumented() {
        assertTrue(InstalledJdbcAgent.TRANSFORMED.contains("org.h2.jdbc.JdbcStatement"), () -> "transformed: " + InstalledJdbcAgent.TRANSFORMED);
        assertTrue(InstalledJdbcAgent.TRANSFORMED.contains("org.h2.jdbc.JdbcPreparedStatement"));
        assertTrue(InstalledJdbcAgent.TRANSFORMED.contains("org.h2.jdbc.JdbcConnection"));
        assertTrue(InstalledJdbcAgent.TRANSFORMED.contains("org.h2.jdbc.JdbcResultSet"));
    }

    @Test
    void allowedStatementRunsAndIsJournaledWithoutLiterals() throws SQLException {
        ContextHolder.attach(ChainContext.root("support-bot", "chain-1", "answer tickets", "alice"));
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM customers WHERE name = 'Ada' AND id < 10")) {
            assertTrue(rows.next());
            assertEquals("Ada", rows.getString(1));
        }
        assertEquals(1, ENFORCER.records.size());
        TableDenyingEnforcer.Recorded recorded = ENFORCER.records.get(0);
        assertEquals(List.of("select customers"), recorded.accesses());
        assertEquals("support-bot", recorded.agent());
        assertEquals("chain-1", recorded.chainId());
        assertFalse(recorded.blocked());
        assertEquals("select", recorded.operation());
        assertEquals("SELECT name FROM customers WHERE name = ? AND id < ?", recorded.display());
        assertTrue(recorded.durationNanos() > 0);
    }

    @Test
    void deniedStatementThrowsBeforeReachingTheDatabase() throws SQLException {
        ENFORCER.deny("salaries");
        try (Statement statement = connection.createStatement()) {
            SQLException denied = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("DELETE FROM salaries WHERE amount > 0"));
            assertEquals("42501", denied.getSQLState());
            PolicyDenial denial = assertInstanceOf(PolicyDenial.class, denied);
            assertEquals(TableDenyingEnforcer.DENY_RULE, denial.ruleId());
            assertEquals(TableDenyingEnforcer.DENY_REASON, denial.reason());
            assertEquals("Mandate denied jdbc delete on salaries by rule support.mandate:12: "
                    + "salary data is outside the support purpose", denied.getMessage());
            assertEquals("org.h2.jdbc.JdbcStatement", denied.getStackTrace()[0].getClassName(),
                    "the trace starts where the application called the driver");
        }
        assertEquals(2, countRows("salaries"), "H2 never saw the DELETE");
        List<TableDenyingEnforcer.Recorded> denials = ENFORCER.blockedTouching("salaries");
        assertEquals(1, denials.size());
        assertTrue(denials.get(0).blocked());
        assertEquals("DELETE FROM salaries WHERE amount > ?", denials.get(0).display());
    }

    @Test
    void everyExecuteVariantIsDecided() throws SQLException {
        ENFORCER.deny("salaries");
        try (Statement statement = connection.createStatement()) {
            assertThrows(JdbcPolicyDenial.class, () -> statement.execute("SELECT * FROM salaries"));
            assertThrows(JdbcPolicyDenial.class, () -> statement.executeQuery("SELECT * FROM salaries"));
            assertThrows(JdbcPolicyDenial.class, () -> statement.executeUpdate("UPDATE salaries SET amount = 0"));
            assertThrows(JdbcPolicyDenial.class,
                    () -> statement.executeUpdate("UPDATE salaries SET amount = 0", Statement.RETURN_GENERATED_KEYS));
            assertThrows(JdbcPolicyDenial.class, () -> statement.executeLargeUpdate("UPDATE salaries SET amount = 0"));
            assertThrows(JdbcPolicyDenial.class, () -> statement.execute("UPDATE salaries SET amount = 0", new int[] {1}));
        }
        assertEquals(6, ENFORCER.blockedTouching("salaries").size());
        assertEquals(220000, sumSalaries());
    }

    @Test
    void preparedSqlIsRememberedFromPrepareStatement() throws SQLException {
        ENFORCER.deny("salaries");
        try (PreparedStatement allowed = connection.prepareStatement("SELECT name FROM customers WHERE id = ?");
             PreparedStatement denied = connection.prepareStatement("UPDATE salaries SET amount = ? WHERE id = ?")) {
            allowed.setInt(1, 2);
            try (ResultSet rows = allowed.executeQuery()) {
                assertTrue(rows.next());
                assertEquals("Grace", rows.getString(1));
            }
            denied.setInt(1, 0);
            denied.setInt(2, 1);
            assertThrows(JdbcPolicyDenial.class, denied::executeUpdate);
            assertThrows(JdbcPolicyDenial.class, denied::executeLargeUpdate);
            assertThrows(JdbcPolicyDenial.class, denied::execute);
        }
        assertEquals(220000, sumSalaries());
        assertEquals(List.of("select customers"), ENFORCER.records.get(0).accesses());
        assertEquals("SELECT name FROM customers WHERE id = ?", ENFORCER.records.get(0).display());
        assertEquals(3, ENFORCER.blockedTouching("salaries").size());
    }

    @Test
    void callableStatementIsDecidedAsACall() throws SQLException {
        try (Statement setup = connection.createStatement()) {
            setup.execute("CREATE ALIAS raise_all FOR \"java.lang.Math.abs(int)\"");
        }
        ENFORCER.records.clear();
        ENFORCER.denyOperation("call");
        try (CallableStatement call = connection.prepareCall("{call raise_all(?)}")) {
            call.setInt(1, -1);
            SQLException denied = assertThrows(SQLException.class, call::execute);
            assertEquals("Mandate denied jdbc call on raise_all by rule support.mandate:12: "
                    + "salary data is outside the support purpose", denied.getMessage());
        }
    }

    @Test
    void statementBatchDecidesEveryBatchedStatementBeforeAnyRuns() throws SQLException {
        ENFORCER.deny("salaries");
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO notes (body) VALUES ('first')");
            statement.addBatch("DELETE FROM salaries");
            statement.addBatch("INSERT INTO notes (body) VALUES ('second')");
            SQLException denied = assertThrows(SQLException.class, statement::executeBatch);
            assertInstanceOf(PolicyDenial.class, denied);
        }
        assertEquals(0, countRows("notes"), "no statement of a denied batch ran");
        assertEquals(2, countRows("salaries"));
        TableDenyingEnforcer.Recorded recorded = ENFORCER.records.get(0);
        assertEquals(List.of("insert notes", "delete salaries"), recorded.accesses());
        assertEquals("batch: INSERT INTO notes (body) VALUES (?) x2; DELETE FROM salaries x1", recorded.display());
    }

    @Test
    void allowedBatchRunsOnceAndItsBatchIsForgottenAfterwards() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO notes (body) VALUES ('first')");
            statement.addBatch("INSERT INTO notes (body) VALUES ('second')");
            assertArrayEquals(new int[] {1, 1}, statement.executeBatch());
            statement.addBatch("UPDATE customers SET name = 'x' WHERE id = 1");
            statement.executeBatch();
        }
        assertEquals(2, countRows("notes"));
        List<TableDenyingEnforcer.Recorded> batches = new ArrayList<>(ENFORCER.records.subList(0, 2));
        assertEquals(List.of("insert notes"), batches.get(0).accesses());
        assertEquals(List.of("update customers"), batches.get(1).accesses(), "the executed batch was cleared");
    }

    @Test
    void clearedBatchIsNotDecided() throws SQLException {
        ENFORCER.deny("salaries");
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("DELETE FROM salaries");
            statement.clearBatch();
            statement.addBatch("INSERT INTO notes (body) VALUES ('kept')");
            statement.executeBatch();
        }
        assertEquals(1, countRows("notes"));
        assertEquals(List.of("insert notes"), ENFORCER.records.get(0).accesses());
    }

    @Test
    void preparedBatchCountsItsParameterSets() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (body) VALUES (?)")) {
            for (int i = 0; i < 3; i++) {
                insert.setString(1, "note " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        assertEquals(3, countRows("notes"));
        TableDenyingEnforcer.Recorded recorded = ENFORCER.records.get(0);
        assertEquals(List.of("insert notes"), recorded.accesses());
        assertEquals("batch: INSERT INTO notes (body) VALUES (?) x3", recorded.display());
    }

    @Test
    void deniedPreparedBatchLeavesTheTableUntouched() throws SQLException {
        ENFORCER.deny("salaries");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO salaries VALUES (?, ?)")) {
            insert.setInt(1, 9);
            insert.setInt(2, 1);
            insert.addBatch();
            assertThrows(JdbcPolicyDenial.class, insert::executeLargeBatch);
        }
        assertEquals(2, countRows("salaries"));
    }

    @Test
    void poolStatementDelegatingToTheDriverIsDecidedOnce() throws SQLException {
        ENFORCER.deny("salaries");
        try (Statement pooled = new DelegatingStatement(connection.createStatement())) {
            try (ResultSet rows = pooled.executeQuery("SELECT * FROM customers")) {
                assertTrue(rows.next());
            }
            assertThrows(JdbcPolicyDenial.class, () -> pooled.executeUpdate("DELETE FROM salaries"));
        }
        assertEquals(2, ENFORCER.records.size(), "the driver's nested execution was not decided again");
        assertEquals(2, countRows("salaries"));
    }

    @Test
    void statementsADriverRunsInsideAConnectionMethodAreNotDecided() throws SQLException {
        ENFORCER.rowBudget = 1;
        try (Connection driverConnection = new SelfQueryingConnection("jdbc:h2:mem:jdbc_instrumentation")) {
            assertEquals("PUBLIC", driverConnection.getSchema());
            try (ResultSet tables = driverConnection.getMetaData().getTables(null, null, "CUSTOMERS", null)) {
                assertTrue(tables.next());
            }
        }
        assertEquals(List.of(), ENFORCER.records);
        assertEquals(1, ENFORCER.rowsConsumed.get(), "only the row the application read itself");
    }

    @Test
    void poolValidationInsideGetConnectionIsNotDecided() throws SQLException {
        ENFORCER.denyOperation("select");
        try (Connection pooled = new ValidatingDataSource("jdbc:h2:mem:jdbc_instrumentation").getConnection()) {
            assertFalse(pooled.isClosed());
        }
        assertEquals(List.of(), ENFORCER.records);
    }

    @Test
    void rowsReadCountAgainstTheBudgetOfTheReadingThread() throws SQLException {
        ENFORCER.rowBudget = 3;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM customers ORDER BY id")) {
            assertTrue(rows.next());
            assertTrue(rows.next());
            assertTrue(rows.next());
            SQLException overBudget = assertThrows(SQLException.class, rows::next);
            assertEquals("42501", overBudget.getSQLState());
            assertEquals("Mandate denied jdbc rows read by rule limit:support.mandate:20: limit jdbc rows 3 per chain",
                    overBudget.getMessage());
        }
        assertEquals(4, ENFORCER.rowsConsumed.get());
        TableDenyingEnforcer.Recorded last = ENFORCER.records.get(ENFORCER.records.size() - 1);
        assertTrue(last.blocked());
        assertEquals("select", last.operation());
    }

    @Test
    void rowsAreNotCountedWhenThePolicyDoesNotMeterThem() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM customers")) {
            int read = 0;
            while (rows.next()) {
                read++;
            }
            assertEquals(5, read);
        }
        assertEquals(0, ENFORCER.rowsConsumed.get());
    }

    @Test
    void endOfRowsIsNotARow() throws SQLException {
        ENFORCER.rowBudget = 100;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM customers")) {
            while (rows.next()) {
                rows.getString(1);
            }
        }
        assertEquals(5, ENFORCER.rowsConsumed.get());
    }

    @Test
    void auditModeRecordsTheDenialAndBlocksNothing() throws SQLException {
        ENFORCER.deny("salaries");
        ENFORCER.enforce = false;
        try (Statement statement = connection.createStatement()) {
            assertEquals(2, statement.executeUpdate("UPDATE salaries SET amount = amount + 1"));
        }
        TableDenyingEnforcer.Recorded recorded = ENFORCER.recordsTouching("salaries").get(0);
        assertTrue(recorded.denied());
        assertFalse(recorded.blocked());
        assertEquals(220002, sumSalaries());
    }

    @Test
    void failedStatementIsJournaledWithItsError() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM no_such_table"));
        }
        TableDenyingEnforcer.Recorded recorded = ENFORCER.records.get(0);
        assertEquals(List.of("select no_such_table"), recorded.accesses());
        assertInstanceOf(SQLException.class, recorded.error());
        assertFalse(recorded.blocked());
    }

    @Test
    void statementPreparedBeforeTheAgentCameIsDecidedAsUnknown() throws SQLException {
        JdbcHooks installed = InstalledJdbcAgent.MODULE.hooks();
        JdbcDispatch.uninstall();
        PreparedStatement early;
        try {
            early = connection.prepareStatement("SELECT * FROM salaries");
        } finally {
            JdbcDispatch.install(installed);
        }
        ENFORCER.denyOperation("unknown");
        try (PreparedStatement statement = early) {
            SQLException denied = assertThrows(SQLException.class, statement::executeQuery);
            assertEquals("Mandate denied jdbc unknown (SQL it could not read) by rule support.mandate:12: "
                    + "salary data is outside the support purpose", denied.getMessage());
        }
        assertEquals(List.of("unknown "), ENFORCER.records.get(0).accesses());
    }

    @Test
    void unreadableSqlIsOneUnknownAccessAndStillRuns() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCK_TIMEOUT 1000");
        }
        assertEquals(1, ENFORCER.records.size());
    }

    @Test
    void deniedCallLeavesTheGuardBalancedForTheNextCall() throws SQLException {
        ENFORCER.deny("salaries");
        try (Statement statement = connection.createStatement()) {
            assertThrows(JdbcPolicyDenial.class, () -> statement.executeQuery("SELECT * FROM salaries"));
            assertFalse(CallGuard.active());
            try (ResultSet rows = statement.executeQuery("SELECT * FROM customers")) {
                assertTrue(rows.next());
            }
        }
        assertEquals(2, ENFORCER.records.size(), "the call after a denial is decided, not taken for nested");
    }

    @Test
    void eachThreadIsAttributedToItsOwnChain() throws Exception {
        List<String> chains = Collections.synchronizedList(new ArrayList<>());
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            String chainId = "chain-" + t;
            threads[t] = new Thread(() -> {
                ContextHolder.attach(ChainContext.root("bot", chainId, "", ""));
                try (Connection own = DriverManager.getConnection("jdbc:h2:mem:jdbc_instrumentation");
                     PreparedStatement select = own.prepareStatement("SELECT * FROM customers WHERE id = ?")) {
                    for (int i = 0; i < 50; i++) {
                        select.setInt(1, i % 5 + 1);
                        try (ResultSet rows = select.executeQuery()) {
                            rows.next();
                        }
                    }
                    chains.add(chainId);
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(4, chains.size());
        for (String chainId : chains) {
            assertEquals(50, ENFORCER.records.stream().filter(r -> r.chainId().equals(chainId)).count());
        }
    }

    private int countRows(String table) throws SQLException {
        ENFORCER.enforce = false;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        } finally {
            ENFORCER.enforce = true;
        }
    }

    private int sumSalaries() throws SQLException {
        ENFORCER.enforce = false;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT SUM(amount) FROM salaries")) {
            rows.next();
            return rows.getInt(1);
        } finally {
            ENFORCER.enforce = true;
        }
    }
}
