package io.mandate.it.frameworks.desk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the framework tests' agents work against, made in the JUnit JVM without the agent: an H2
 * file database (customers, salaries), a knowledge-base HTTP server on 127.0.0.1, a runbook
 * directory, and the policy that says per tool what each may touch. The forked app gets them as
 * {@link #appArguments()}.
 */
public final class DeskFixture implements AutoCloseable {
    public static final String AGENT = "desk-bot";
    public static final String SALARY_REASON = "salary data is outside the support purpose";
    public static final String DEPTH_REASON = "customer data is not for agents delegated more than once";

    private final Path dir;
    private final HttpServer kb;
    private final String jdbcUrl;
    private final Path runbooks;
    private final Path policy;

    private DeskFixture(Path dir) throws IOException, SQLException {
        this.dir = dir;
        this.jdbcUrl = "jdbc:h2:file:" + dir.resolve("desk") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40), email VARCHAR(80))");
            statement.execute("INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com'), (2, 'Brendan', 'b@example.com'),"
                    + " (3, 'Chidi', 'c@example.com')");
            statement.execute("CREATE TABLE salaries (employee VARCHAR(40), amount INT)");
            statement.execute("INSERT INTO salaries VALUES ('Dana', 100000)");
        }
        runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("login.md"), "Reset the password from the admin console.\n");
        kb = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
        kb.createContext("/kb/", exchange -> respond(exchange, "article about " + exchange.getRequestURI().getPath().substring(4)));
        kb.start();
        policy = dir.resolve("desk.mandate");
        Files.writeString(policy, String.join("\n",
                "policy \"frameworks-desk\"",
                "default deny",
                "agent \"desk-*\" {",
                "  @id(\"lookup-reads-customers\") allow jdbc select on customers when tool == \"lookup_customer\"",
                "  @id(\"no-salaries\") deny jdbc * on salaries reason \"" + SALARY_REASON + "\"",
                "  @id(\"delegation-depth\") deny jdbc * on customers when chain.depth > 2 reason \"" + DEPTH_REASON + "\"",
                "  @id(\"kb-fetch\") allow http GET to \"http://127.0.0.1:*/kb/**\" when tool == \"fetch_kb\"",
                "  @id(\"runbooks\") allow file read \"" + runbooks + "/**\" when tool == \"read_runbook\"",
                "  @id(\"desk-database\") allow file read, write, create, delete \"" + dir + "/desk.*\"",
                "}",
                ""));
    }

    /** A fresh fixture in its own directory under target/. */
    public static DeskFixture create(String name) {
        try {
            Path root = Files.createDirectories(Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("frameworks"));
            return new DeskFixture(Files.createTempDirectory(root, name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the desk database", e);
        }
    }

    public String[] appArguments() {
        return new String[] {jdbcUrl, "http://127.0.0.1:" + kb.getAddress().getPort(), runbooks.toString()};
    }

    public Path directory() {
        return dir;
    }

    /** The jars of one framework line the build copied ({@code spring-ai-1}, {@code mcp-2}...). */
    public static Path[] frameworkJars(String line) {
        Path libs = Path.of(System.getProperty("mandate.it.frameworkLibs", "framework-libs")).resolve(line).resolve("target")
                .resolve("libs");
        try (Stream<Path> files = Files.list(libs)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("the build copies " + line + "'s jars into " + libs, e);
        }
    }

    /**
     * Runs {@code app} with the packaged agent (agent identity {@value #AGENT}, this fixture's policy)
     * and {@code line}'s jars; returns what it did and its journal.
     */
    public Run run(Class<?> app, String line, String mode, String... extraAgentArgs) {
        Path journal = dir.resolve("journal-" + line + "-" + mode);
        String agentArgs = "policy=" + policy + ",mode=" + mode + ",agent=" + AGENT + ",journal=" + journal
                + (extraAgentArgs.length == 0 ? "" : "," + String.join(",", extraAgentArgs));
        JvmResult result = AgentJvm.withAgent(agentArgs)
                .mainClass(app)
                .appLibraries("h2")
                .addToClasspath(frameworkJars(line))
                .args(appArguments())
                .run();
        result.assertSucceeded().assertStdoutEmpty();
        return new Run(result, JournalEvents.read(journal));
    }

    /** One forked run: what the app observed, and the journal it left. */
    public record Run(JvmResult app, JournalEvents journal) {
        /** The context a tool recorded: chainId stepId tool depth rootChainId parentChainId. */
        public String[] context(String tool) {
            return context(tool, 0);
        }

        /** The context of {@code tool}'s {@code n}th execution (from 0). */
        public String[] context(String tool, int n) {
            List<String> recorded = app.observations(tool + ".context");
            assertTrue(recorded.size() > n, () -> tool + " ran " + recorded.size() + " times\n" + app.describe());
            String[] context = recorded.get(n).split(" ");
            assertEquals(6, context.length, () -> tool + " ran outside any chain: " + recorded.get(n));
            return context;
        }

        /** The one call decided inside {@code tool}'s step, as the tool recorded it. */
        public JournalEvent onlyCallOf(String tool) {
            return onlyCallOf(tool, 0);
        }

        /** The one call decided inside the step of {@code tool}'s {@code n}th execution. */
        public JournalEvent onlyCallOf(String tool, int n) {
            String[] context = context(tool, n);
            List<JournalEvent> calls = journal.filter(e -> e.type().equals(JournalEvents.CALL)
                    && e.string("stepId").equals(context[1]));
            assertEquals(1, calls.size(), () -> "calls in " + tool + "'s step " + context[1] + "\n" + journal.dump());
            return calls.get(0);
        }

        /** The one event {@code condition} holds for. */
        public JournalEvent only(Predicate<JournalEvent> condition, String what) {
            List<JournalEvent> found = journal.filter(condition);
            assertEquals(1, found.size(), () -> "expected exactly one " + what + "\n" + journal.dump());
            return found.get(0);
        }

        /**
         * The desk's three tool calls as every framework integration must journal them: the lookup's
         * jdbc call, the knowledge fetch's http call and the runbook's file call, each in its tool's
         * step and allowed by the rule written for that tool. Returns the lookup's call, for each
         * framework's own checks of where the step sits (its chain, or a child chain).
         */
        public JournalEvent assertToolCallsDecidedByToolRules() {
            JournalEvent lookup = onlyCallOf("lookup_customer");
            JournalEvent fetch = onlyCallOf("fetch_kb");
            JournalEvent runbook = only(e -> e.type().equals(JournalEvents.CALL) && e.string("kind").equals("file")
                    && e.string("stepId").equals(context("read_runbook")[1]), "file call of read_runbook");
            assertAll(
                    () -> assertEquals("jdbc", lookup.string("kind")),
                    () -> assertEquals("ALLOW", lookup.string("verdict")),
                    () -> assertEquals("lookup-reads-customers", lookup.string("ruleId")),
                    () -> assertEquals("lookup_customer", lookup.string("tool")),
                    () -> assertEquals("http", fetch.string("kind")),
                    () -> assertEquals("ALLOW", fetch.string("verdict")),
                    () -> assertEquals("kb-fetch", fetch.string("ruleId")),
                    () -> assertEquals("fetch_kb", fetch.string("tool")),
                    () -> assertEquals("ALLOW", runbook.string("verdict")),
                    () -> assertEquals("runbooks", runbook.string("ruleId")),
                    () -> assertEquals("read_runbook", runbook.string("tool")));
            return lookup;
        }

        /**
         * The prompt-injected read of salaries and the export of customers the desk's agent makes:
         * both refused before the driver, the salaries call journaled DENY, blocked, with the
         * policy's reason, in its tool's step. Returns that call for the framework's own checks.
         */
        public JournalEvent assertInjectedCallsDenied() {
            assertEquals("denied rule=no-salaries JdbcPolicyDenial", app.observation("read_salaries"));
            assertEquals("denied rule=default JdbcPolicyDenial", app.observation("export_customers"),
                    "customers may be read by lookup_customer only");
            JournalEvent salaries = onlyCallOf("read_salaries");
            assertAll(
                    () -> assertEquals("DENY", salaries.string("verdict")),
                    () -> assertTrue(salaries.flag("blocked")),
                    () -> assertEquals(SALARY_REASON, salaries.string("reason")),
                    () -> assertEquals("read_salaries", salaries.string("tool")));
            return salaries;
        }

        /** The lifecycle event of {@code type} ("chain.open", "step.close"...) for {@code key} = {@code value}. */
        public JournalEvent lifecycle(String type, String key, String value) {
            return journal.onlyLifecycle(type, key, value);
        }
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        kb.stop(0);
    }
}
