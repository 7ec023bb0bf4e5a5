package io.mandate.it.integrity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.mandate.it.apps.Observations;

/**
 * Runs a prepared H2 select every few milliseconds for the given number of seconds, so the agent
 * journals calls across several cycle files of a short roll. Args: seconds.
 */
public final class QueryForSecondsApp {
    private QueryForSecondsApp() {
    }

    public static void main(String[] args) throws SQLException, InterruptedException {
        int calls = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:retention")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40))");
                statement.execute("INSERT INTO accounts VALUES (1, 'alice')");
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT owner FROM accounts WHERE id = ?")) {
                // timed from here: on a loaded machine the set-up alone can take seconds
                long end = System.currentTimeMillis() + Long.parseLong(args[0]) * 1_000;
                while (System.currentTimeMillis() < end) {
                    select.setInt(1, 1);
                    try (ResultSet rows = select.executeQuery()) {
                        rows.next();
                    }
                    calls++;
                    Thread.sleep(5);
                }
            }
        }
        Observations.record("calls", calls);
    }
}
