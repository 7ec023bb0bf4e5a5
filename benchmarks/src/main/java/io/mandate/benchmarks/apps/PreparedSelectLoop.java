package io.mandate.benchmarks.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The JDBC workload: one prepared primary-key select per call, the statement prepared once as
 * real data-access code does, so every call goes through the driver's execute path that an agent
 * intercepts.
 */
final class PreparedSelectLoop implements CallLoop, AutoCloseable {
    private final PreparedStatement select;
    private final int rows;
    private int nextId;
    private long checksum;

    PreparedSelectLoop(Connection connection, int rows) throws SQLException {
        this.select = connection.prepareStatement(AccountsTable.SELECT_BY_ID);
        this.rows = rows;
    }

    @Override
    public void call() throws SQLException {
        nextId = nextId == rows ? 1 : nextId + 1;
        select.setInt(1, nextId);
        try (ResultSet result = select.executeQuery()) {
            if (result.next()) {
                checksum += result.getLong(2);
            }
        }
    }

    /** Sum of the balances read: printed so the JIT cannot treat the reads as dead. */
    long checksum() {
        return checksum;
    }

    @Override
    public void close() throws SQLException {
        select.close();
    }
}
