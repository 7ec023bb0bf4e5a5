package io.mandate.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The throwaway PostgreSQL fixture: a real server, a database per test class, nothing left behind. */
@ExtendWith(PostgresExtension.class)
class PostgresClusterTest {

    @Test
    void givesEachTestClassAFreshDatabaseOnARealServer(PostgresDatabase database) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet version = statement.executeQuery("SHOW server_version_num")) {
                assertTrue(version.next());
                assertTrue(Integer.parseInt(version.getString(1)) >= 100000, "a real PostgreSQL server");
            }
            try (ResultSet current = statement.executeQuery("SELECT current_database()")) {
                assertTrue(current.next());
                assertEquals(database.name(), current.getString(1));
            }
            try (ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                assertTrue(tables.next());
                assertEquals(0, tables.getInt(1), "a fresh database has no tables");
            }
        }
    }

    @Test
    void closeStopsTheServerAndDeletesItsFiles() throws Exception {
        Path binaries = PostgresExtension.requireBinaries();
        PostgresCluster cluster = PostgresCluster.start(binaries);
        int port = cluster.port();
        PostgresDatabase database = cluster.createDatabase("lifecycle");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe(id int)");
            assertEquals(1, statement.executeUpdate("INSERT INTO probe VALUES (1)"));
        }
        Path directory = cluster.directory();
        assertTrue(Files.isDirectory(directory.resolve("data")));

        cluster.close();

        assertFalse(Files.exists(directory), "the cluster's files are deleted");

        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "nothing listens on the port once the cluster is closed");
        assertThrows(SQLException.class, database::connect);
    }
}
