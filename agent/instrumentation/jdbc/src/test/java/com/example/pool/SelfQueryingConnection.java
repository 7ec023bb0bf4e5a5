package com.example.pool;

import org.h2.jdbc.JdbcConnection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A driver connection that, like many real drivers, answers a Connection method by running a
 * statement of its own through the JDBC API.
 */
public class SelfQueryingConnection extends JdbcConnection {
    public SelfQueryingConnection(String url) throws SQLException {
        super(url, new Properties(), "", "", false);
    }

    @Override
    public String getSchema() throws SQLException {
        try (Statement statement = createStatement();
             ResultSet rows = statement.executeQuery("SELECT CURRENT_SCHEMA FROM (SELECT 1) internal_probe")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
