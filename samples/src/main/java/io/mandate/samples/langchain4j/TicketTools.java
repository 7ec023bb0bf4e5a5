package io.mandate.samples.langchain4j;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.langchain4j.agent.tool.Tool;

/**
 * The support agent's tools, plain LangChain4j {@code @Tool} methods with no line of Mandate code:
 * SQL on the support desk, and a webhook poster. Each prints what it did, or the exception it got,
 * then returns or rethrows as a real tool would (LangChain4j hands a tool's exception to the model as
 * the tool's result).
 */
public final class TicketTools {
    private final Connection db;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();

    TicketTools(Connection db, PrintStream out) {
        this.db = db;
        this.out = out;
    }

    @Tool(name = "read_ticket", value = "Reads a support ticket: customer id, subject and text")
    public String readTicket(int id) throws SQLException {
        return query("read_ticket", "SELECT customer_id, subject, body FROM tickets WHERE id = ?", id);
    }

    @Tool(name = "lookup_customer", value = "Finds one customer's name and email by id")
    public String lookupCustomer(int id) throws SQLException {
        return query("lookup_customer", "SELECT name, email FROM customers WHERE id = ?", id);
    }

    @Tool(name = "export_customers", value = "Exports every customer with their email (for CRM migrations)")
    public String exportCustomers() throws SQLException {
        return query("export_customers", "SELECT name, email FROM customers");
    }

    @Tool(name = "add_note", value = "Adds an internal note to a ticket")
    public String addNote(int ticketId, String note) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("INSERT INTO ticket_notes (ticket_id, body) VALUES (?, ?)")) {
            statement.setInt(1, ticketId);
            statement.setString(2, note);
            int rows = statement.executeUpdate();
            out.println("    tool add_note: " + rows + " row(s) written");
            return "note added";
        } catch (SQLException e) {
            throw failed("add_note", e);
        }
    }

    @Tool(name = "post_webhook", value = "Posts a text to a webhook URL")
    public String postWebhook(String url, String text) throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
            out.println("    tool post_webhook: POST " + url + " -> " + response.statusCode());
            return "posted, status " + response.statusCode();
        } catch (IOException e) {
            throw failed("post_webhook", e);
        }
    }

    private String query(String tool, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            StringBuilder rows = new StringBuilder();
            int count = 0;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    count++;
                    rows.append(rows.length() == 0 ? "" : "\n");
                    for (int c = 1; c <= columns; c++) {
                        rows.append(c == 1 ? "" : " | ").append(result.getString(c));
                    }
                }
            }
            out.println("    tool " + tool + ": " + count + " row(s)");
            return rows.toString();
        } catch (SQLException e) {
            throw failed(tool, e);
        }
    }

    private <E extends Exception> E failed(String tool, E e) {
        String state = e instanceof SQLException ? " (SQLState " + ((SQLException) e).getSQLState() + ")" : "";
        out.println("    tool " + tool + ": FAILED " + e.getClass().getSimpleName() + state + ": " + e.getMessage());
        return e;
    }
}
