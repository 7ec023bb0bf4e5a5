package io.mandate.it.frameworks.desk;

import io.mandate.api.Mandate;
import io.mandate.api.MandateContext;
import io.mandate.api.PolicyDenial;
import io.mandate.it.apps.Observations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the framework test apps' tools do, whatever framework calls them: JDBC on the desk database,
 * an HTTP GET of the loopback knowledge base, a file read of a runbook. Each records, under its tool
 * name, the Mandate context it ran in (so the test can find its chain and step in the journal) and
 * its outcome (a result or the denial), then returns the result or rethrows, as a real tool would.
 *
 * Runs inside the forked app.
 */
public final class DeskTools {
    private final String jdbcUrl;
    private final String kbUrl;
    private final Path runbooks;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param args jdbcUrl kbBaseUrl runbookDirectory (the desk fixture's {@code appArguments()}) */
    public DeskTools(String[] args) {
        this.jdbcUrl = args[0];
        this.kbUrl = args[1];
        this.runbooks = Path.of(args[2]);
    }

    public String lookupCustomer(int id) throws SQLException {
        return query("lookup_customer", "SELECT name FROM customers WHERE id = " + id);
    }

    public String exportCustomers() throws SQLException {
        return query("export_customers", "SELECT name, email FROM customers");
    }

    public String readSalaries() throws SQLException {
        return query("read_salaries", "SELECT employee, amount FROM salaries");
    }

    public String fetchArticle(String topic) throws IOException, InterruptedException {
        context("fetch_kb");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(kbUrl + "/kb/" + topic)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return outcome("fetch_kb", "ok " + response.statusCode() + " " + response.body());
        } catch (IOException e) {
            throw failure("fetch_kb", e);
        }
    }

    public String readRunbook(String name) throws IOException {
        context("read_runbook");
        try {
            return outcome("read_runbook", "ok " + Files.readString(runbooks.resolve(name)).strip());
        } catch (IOException e) {
            throw failure("read_runbook", e);
        }
    }

    private String query(String tool, String sql) throws SQLException {
        context(tool);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            StringBuilder names = new StringBuilder();
            while (rows.next()) {
                names.append(names.length() == 0 ? "" : ",").append(rows.getString(1));
            }
            return outcome(tool, "ok " + names);
        } catch (SQLException e) {
            throw failure(tool, e);
        }
    }

    /** Records "chainId stepId tool depth rootChainId parentChainId" of the context the tool runs in. */
    private static void context(String tool) {
        MandateContext c = Mandate.current().orElse(null);
        Observations.record(tool + ".context", c == null ? "none"
                : String.join(" ", c.chainId(), c.stepId(), c.tool(), Integer.toString(c.depth()), c.rootChainId(),
                        c.parentChainId().isEmpty() ? "-" : c.parentChainId()));
    }

    private static String outcome(String tool, String outcome) {
        Observations.record(tool, outcome);
        return outcome;
    }

    private static <E extends Exception> E failure(String tool, E e) {
        Observations.record(tool, describe(e));
        return e;
    }

    public static String describe(Throwable e) {
        if (e instanceof PolicyDenial denial) {
            return "denied rule=" + denial.ruleId() + " " + e.getClass().getSimpleName();
        }
        return "failed " + e;
    }
}
