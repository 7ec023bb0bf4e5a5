package io.mandate.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One database of the test run's PostgreSQL cluster, fresh for the test class that asked for it.
 * The JUnit JVM uses {@link #connect()} to seed it and to check its state; forked apps get the
 * {@link #jdbcUrl()}, {@link #user()} and {@link #password()} as arguments.
 */
public record PostgresDatabase(String jdbcUrl, String user, String password, String name) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
