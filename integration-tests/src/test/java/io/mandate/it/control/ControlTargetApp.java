package io.mandate.it.control;

import io.mandate.it.apps.Observations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A long-running application the control tests steer step by step while the agent is attached,
 * reconfigured, revoked or detached around it: it runs the commands the test writes as
 * {@code <dir>/<n>.cmd} (one line), in order, records what happened as observations prefixed
 * {@code <n>.}, then creates {@code <n>.done}. It holds its JDBC connection, statement and HTTP
 * client across steps, so a test can create them before an attach and use them after it.
 *
 * It never names a Mandate type before a step asks for a chain: classes the application links
 * before a late attach stay its own copies. A denial is recognised by the interface the agent's
 * exceptions implement, looked up by name for the same reason.
 */
public final class ControlTargetApp {
    private static Connection connection;
    private static Statement statement;
    private static HttpClient http;
    private static final Deque<AutoCloseable> scopes = new ArrayDeque<>();

    private ControlTargetApp() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Observations.record("pid", ProcessHandle.current().pid());
        long deadline = System.nanoTime() + 170_000_000_000L; // never outlive a forgotten test
        for (int step = 1; System.nanoTime() < deadline; ) {
            Path command = dir.resolve(step + ".cmd");
            if (!Files.exists(command)) {
                Thread.sleep(5);
                continue;
            }
            // the step files are the test talking to the app, not the app's own file I/O
            String line = Observations.harnessIo(() -> Files.readString(command, StandardCharsets.UTF_8)).trim();
            Path done = dir.resolve(step + ".done");
            if (line.equals("exit")) {
                Observations.harnessIo(() -> Files.createFile(done));
                return;
            }
            run(step + ".", line);
            Observations.harnessIo(() -> Files.createFile(done));
            step++;
        }
    }

    private static void run(String prefix, String line) {
        String[] words = line.split(" ", 2);
        String argument = words.length > 1 ? words[1] : "";
        try {
            switch (words[0]) {
                case "jdbc-open" -> {
                    connection = DriverManager.getConnection(argument, "sa", "");
                    statement = connection.createStatement();
                    Observations.record(prefix + "result", "ok");
                }
                case "jdbc-query" -> {
                    try (ResultSet rows = statement.executeQuery(argument)) {
                        int count = 0;
                        while (rows.next()) {
                            count++;
                        }
                        Observations.record(prefix + "result", "ok " + count);
                    }
                }
                case "http-open" -> {
                    http = HttpClient.newHttpClient();
                    Observations.record(prefix + "result", "ok");
                }
                case "http-get" -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(argument)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Observations.record(prefix + "result", "ok " + response.statusCode());
                }
                case "file-read" -> {
                    // the app's own read, unlike its step files: the same JDK file classes, loaded long before any attach
                    Observations.record(prefix + "result", "ok " + Files.readString(Path.of(argument)).length());
                }
                case "chain-open" -> {
                    String[] parts = argument.split(" ", 2);
                    scopes.push(io.mandate.api.Mandate.openChain(parts[0], parts.length > 1 ? parts[1] : "", "ops-test"));
                    Observations.record(prefix + "chain", io.mandate.api.Mandate.current().orElseThrow().chainId());
                    Observations.record(prefix + "result", "ok");
                }
                case "delegate" -> {
                    String[] parts = argument.split(" ", 2);
                    scopes.push(io.mandate.api.Mandate.delegate(parts[0], parts.length > 1 ? parts[1] : ""));
                    Observations.record(prefix + "chain", io.mandate.api.Mandate.current().orElseThrow().chainId());
                    Observations.record(prefix + "result", "ok");
                }
                case "revoke-current" -> {
                    // the in-process API: an application (or its framework) revokes the chain it runs in
                    String chain = io.mandate.api.Mandate.current().orElseThrow().chainId();
                    Observations.record(prefix + "result", "ok " + io.mandate.api.Mandate.revokeChain(chain, argument));
                }
                case "close" -> {
                    scopes.pop().close();
                    Observations.record(prefix + "result", "ok");
                }
                default -> Observations.record(prefix + "result", "unknown command " + line);
            }
        } catch (Exception e) {
            Observations.record(prefix + "result", (isPolicyDenial(e) ? "denied " : "error ") + e);
        }
    }

    private static boolean isPolicyDenial(Throwable error) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> implemented : type.getInterfaces()) {
                if (implemented.getName().equals("io.mandate.api.PolicyDenial")) {
                    return true;
                }
            }
        }
        return error instanceof SQLException && "42501".equals(((SQLException) error).getSQLState());
    }

}
