package io.mandate.it.http;

import io.mandate.api.Mandate;
import io.mandate.it.apps.Observations;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.mandate.it.http.ToolCalls.scenario;

/**
 * Tool calls whose URLs and SQL carry values and secrets, for what the journal may show of them:
 * a query string with a plain parameter and a token, user info in a URL, an Authorization header, a
 * credential parameter through the JDK client, and SQL with a string literal (H2 in memory).
 */
public final class JournalRedactionApp {
    /** Secrets the journal must never show, whatever the settings. */
    static final String TOKEN = "tok-s3cr3t";
    static final String PASSWORD = "pw-s3cr3t";
    static final String API_KEY = "key-s3cr3t";
    static final String BEARER = "bearer-s3cr3t";
    /** A literal the journal shows only with journalSql=verbatim. */
    static final String LITERAL = "lit-v4lue";

    private JournalRedactionApp() {
    }

    public static void main(String[] args) throws Exception {
        Observations.record("agentAttached", Mandate.agentAttached());
        HttpClient jdk = HttpClient.newHttpClient();
        try (LoopbackServer server = new LoopbackServer();
             Connection db = DriverManager.getConnection("jdbc:h2:mem:redaction")) {
            Observations.record("port", server.port());
            try (Statement setup = db.createStatement()) {
                setup.execute("CREATE TABLE kb (title VARCHAR(64))");
            }
            scenario("huc_query", () -> {
                URLConnection connection = new URL(server.allowedUrl("/kb/article?q=shoes&token=" + TOKEN)).openConnection();
                connection.setRequestProperty("Authorization", "Bearer " + BEARER);
                try (InputStream in = connection.getInputStream()) {
                    return "ok " + in.readAllBytes().length;
                }
            });
            scenario("huc_userinfo", () -> {
                String url = "http://bob:" + PASSWORD + "@127.0.0.1:" + server.port() + "/kb/article?q=tea";
                try (InputStream in = new URL(url).openStream()) {
                    return "ok " + in.readAllBytes().length;
                }
            });
            scenario("jdk_query", () -> "ok " + jdk.send(HttpRequest.newBuilder(URI.create(
                    server.allowedUrl("/kb/article?page=2&api_key=" + API_KEY))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            scenario("sql", () -> {
                try (Statement statement = db.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT title FROM kb WHERE title = '" + LITERAL + "'")) {
                    return "ok " + rows.next();
                } catch (java.sql.SQLException e) {
                    return "failed " + e;
                }
            });
        }
    }
}
