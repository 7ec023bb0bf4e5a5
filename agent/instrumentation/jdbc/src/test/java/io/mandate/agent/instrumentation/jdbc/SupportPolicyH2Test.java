package io.mandate.agent.instrumentation.jdbc;

import io.mandate.api.PolicyDenial;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.policy.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The instrumented H2 driver decided by a real policy, as a support bot would meet it. */
class SupportPolicyH2Test {
    private static final String POLICY = String.join("\n",
            "policy \"support-desk\"",
            "default deny",
            "agent \"support-*\" {",
            "  allow jdbc select on customers, tickets",
            "  allow jdbc insert on notes when tool == \"add_note\"",
            "  deny  jdbc * on salaries reason \"salary data is outside the support purpose\"",
            "  flag  jdbc select on orders reason \"orders are rarely needed for support\"",
            "  limit jdbc rows 4 per chain",
            "}",
            "agent \"setup\" {",
            "  allow jdbc * on *",
            "}",
            "");

    private PolicyBackedEnforcer enforcer;
    private Connection connection;

    @BeforeEach
    void openDatabase() throws SQLException {
        enforcer = new PolicyBackedEnforcer("support.mandate", POLICY);
        InstalledJdbcAgent.use(enforcer);
        connection = DriverManager.getConnection("jdbc:h2:mem:support_policy;DB_CLOSE_DELAY=-1");
        ContextHolder.attach(ChainContext.root("setup", "setup-chain", "", ""));
        try (Statement setup = connection.createStatement()) {
            setup.execute("DROP ALL OBJECTS");
            setup.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50))");
            setup.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT)");
            setup.execute("CREATE TABLE salaries (id INT PRIMARY KEY, amount INT)");
            setup.execute("CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(100))");
            setup.execute("INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus'), (4, 'Barbara'), (5, 'Ken')");
            setup.execute("INSERT INTO salaries VALUES (1, 100000)");
        }
        ContextHolder.attach(ChainContext.root("support-bot", "chain-7", "answer tickets", "alice"));
        enforcer.records.clear();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        ContextHolder.attach(null);
        connection.close();
        assertEquals(List.of(), InstalledJdbcAgent.INTERNAL_ERRORS);
    }

    @Test
    void lookupsPassAndSalariesAreDeniedByTheirRule() throws SQLException {
        try (PreparedStatement lookup = connection.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
            lookup.setInt(1, 1);
            try (ResultSet rows = lookup.executeQuery()) {
                assertTrue(rows.next());
            }
        }
        try (Statement statement = connection.createStatement()) {
            SQLException denied = assertThrows(SQLException.class,
                    () -> statement.executeQuery("SELECT c.name, s.amount FROM customers c JOIN salaries s ON s.id = c.id"));
            assertEquals("Mandate denied jdbc select on customers, salaries by rule support.mandate:6: "
                    + "salary data is outside the support purpose", denied.getMessage());
            assertEquals("support.mandate:6", assertInstanceOf(PolicyDenial.class, denied).ruleId());
        }
        assertEquals(Verdict.ALLOW, enforcer.records.get(0).decision().verdict());
        assertTrue(enforcer.records.get(1).blocked());
    }

    @Test
    void writesNeedTheRightTool() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (body) VALUES (?)")) {
            insert.setString(1, "called back");
            assertThrows(SQLException.class, insert::executeUpdate, "no tool open: default deny");
            ContextHolder.attach(ContextHolder.current().withStep("step-1", "add_note", ""));
            insert.setString(1, "called back");
            assertEquals(1, insert.executeUpdate());
        }
    }

    @Test
    void flaggedReadRunsAndIsMarked() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM orders")) {
            rows.next();
        }
        assertEquals(Verdict.FLAG, enforcer.records.get(0).decision().verdict());
    }

    @Test
    void rowBudgetOfTheChainStopsReading() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM customers ORDER BY id")) {
            SQLException overBudget = assertThrows(SQLException.class, () -> {
                while (rows.next()) {
                    rows.getString(1);
                }
            });
            assertEquals("42501", overBudget.getSQLState());
            assertTrue(overBudget.getMessage().startsWith("Mandate denied jdbc rows read by rule "), overBudget.getMessage());
        }
        assertTrue(enforcer.records.get(enforcer.records.size() - 1).blocked());
    }
}
