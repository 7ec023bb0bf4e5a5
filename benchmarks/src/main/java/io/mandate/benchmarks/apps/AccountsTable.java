package io.mandate.benchmarks.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one table the benchmark reads. Its name is specific to the benchmark because the app drops
 * and recreates it, and on PostgreSQL it runs in a database somebody else may own.
 */
final class AccountsTable {
    static final String NAME = "bench_accounts";
    static final String SELECT_BY_ID = "SELECT owner, balance FROM " + NAME + " WHERE id = ?";

    private AccountsTable() {
    }

    /** Recreates the table with {@code rows} accounts whose ids run from 1 to {@code rows}. */
    static void recreate(Connection connection, int rows) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS " + NAME);
            ddl.execute("CREATE TABLE " + NAME + " (id INT PRIMARY KEY, owner VARCHAR(64) NOT NULL, balance BIGINT NOT NULL)");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + NAME + " (id, owner, balance) VALUES (?, ?, ?)")) {
            for (int id = 1; id <= rows; id++) {
                insert.setInt(1, id);
                insert.setString(2, "owner-" + id);
                insert.setLong(3, id * 100L);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
