package io.mandate.benchmarks.apps;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One call the benchmark policy denies, made after measuring, so the results show whether the
 * agent was really deciding: in enforce mode it must fail before the driver (SQLState 42501);
 * with no agent, or in audit mode, the driver sees it and answers that the table does not exist.
 */
record DenyProbe(String outcome, String sqlState, String exceptionClass) {
    static final String DENIED_BY_POLICY = "denied";
    static final String REACHED_DRIVER = "reached-driver";

    private static final String PROBE_SQL = "SELECT salary FROM payroll";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    static DenyProbe run(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet ignored = statement.executeQuery(PROBE_SQL)) {
            return new DenyProbe(REACHED_DRIVER, "", "");
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String outcome = state.equals(INSUFFICIENT_PRIVILEGE) ? DENIED_BY_POLICY : REACHED_DRIVER;
            return new DenyProbe(outcome, state, e.getClass().getName());
        }
    }
}
