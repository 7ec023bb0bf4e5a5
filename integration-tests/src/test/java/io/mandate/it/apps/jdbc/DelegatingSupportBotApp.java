package io.mandate.it.apps.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;

/**
 * A support bot that delegates part of a ticket to a research sub-agent, on a thread with a name
 * of its own: one allowed call in the root chain, one allowed and one denied call in the delegated
 * chain. Small and fixed, so the test can check its journal event by event.
 *
 * Arguments: jdbcUrl user password
 */
public final class DelegatingSupportBotApp {
    public static final String THREAD = "ticket-42-worker";
    public static final String ROOT_AGENT = "support-bot";
    public static final String CHILD_AGENT = "support-researcher";
    public static final String USER = "dana";
    public static final String ROOT_PURPOSE = "answer ticket 42";
    public static final String CHILD_PURPOSE = "find related tickets";

    private DelegatingSupportBotApp() {
    }

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(() -> run(args), THREAD);
        worker.start();
        worker.join();
    }

    private static void run(String[] args) {
        Observations.record("pid", ProcessHandle.current().pid());
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            try (Chain root = Mandate.openChain(ROOT_AGENT, ROOT_PURPOSE, USER)) {
                Observations.record("root.chain", root.id());
                try (Step step = Mandate.openStep("lookup_customer", Mandate.digest("{\"customer\":2}"))) {
                    Observations.record("lookup.step", step.id());
                    Observations.record("lookup", query(connection, "SELECT name FROM customers WHERE id = 2"));
                }
                try (Chain child = Mandate.delegate(CHILD_AGENT, CHILD_PURPOSE)) {
                    Observations.record("child.chain", child.id());
                    Observations.record("child.depth", child.context().depth());
                    try (Step step = Mandate.openStep("search_tickets", Mandate.digest("{\"subject\":\"ticket 1\"}"))) {
                        Observations.record("search.step", step.id());
                        Observations.record("search", query(connection, "SELECT id FROM tickets WHERE subject = 'ticket 1'"));
                    }
                    try (Step step = Mandate.openStep("read_payroll", Mandate.digest("{}"))) {
                        Observations.record("payroll.step", step.id());
                        Observations.record("payroll", query(connection, "SELECT employee, amount FROM salaries"));
                    }
                }
            }
        } catch (SQLException e) {
            Observations.record("connection", SupportDeskScenarioApp.describe(e));
        }
    }

    private static String query(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int n = 0;
            while (rows.next()) {
                n++;
            }
            return "ok rows=" + n;
        } catch (SQLException e) {
            return SupportDeskScenarioApp.describe(e);
        }
    }
}
