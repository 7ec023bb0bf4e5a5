package io.mandate.it.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.cli.MandateCommandLine.Outcome;
import io.mandate.it.jdbc.SupportDeskDatabase;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.mandate.it.control.ControlChannelTest.expect;
import static io.mandate.it.control.ControlChannelTest.mandate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mandate ps}, {@code attach}, {@code mode} and {@code detach} against a JVM started without
 * the agent that already holds an open JDBC connection and statement and a JDK HttpClient, and has
 * read files: after
 * the attach, calls on those objects are decided; attaching again reconfigures; after the detach
 * they pass undecided and the journal is closed.
 */
class AttachCommandTest {
    private static final String TICKETS = "jdbc-query SELECT id FROM tickets WHERE id <= 3";
    private static final String SALARIES = "jdbc-query SELECT employee FROM salaries";
    private static final String POLICY = String.join("\n",
            "policy \"attach-test\"",
            "default deny",
            "agent \"*\" {",
            "  allow jdbc select on tickets",
            "  deny jdbc * on salaries reason \"salaries are outside the purpose\"",
            "  allow http GET to \"http://127.0.0.1:*/kb/**\"",
            "  allow file read, write, create, delete \"/tmp/**/support-desk*\"",
            "}",
            "");

    @Test
    void attachDecidesCallsOnConnectionsAndClientsOpenedBeforeItAndDetachLetsThemPassUndecided(@TempDir Path dir)
            throws Exception {
        SupportDeskDatabase database = SupportDeskDatabase.h2(dir);
        Path journal = dir.resolve("journal");
        Path policy = Files.writeString(dir.resolve("attach-test.mandate"), POLICY);
        try (Loopback http = new Loopback();
             TargetJvm app = TargetJvm.start(AgentJvm.withoutAgent()
                     .jvmOption("-XX:+EnableDynamicAgentLoading"), dir)) {
            assertEquals("ok", app.step("jdbc-open " + database.appJdbcUrl()));
            assertEquals("ok", app.step("http-open"));
            expect(app, SALARIES, "ok", "no agent yet");
            expect(app, "http-get " + http.denied(), "ok 200", "no agent yet");
            Path outside = Files.writeString(dir.resolve("outside-the-policy.txt"), "private");
            expect(app, "file-read " + outside, "ok 7", "no agent yet");
            assertTrue(psLine(app).matches(app.pidText() + " +no +- +- +.*ControlTargetApp"), psLine(app));

            Outcome attach = mandate("attach", app.pidText(), "--policy", policy.toString(), "--mode", "enforce",
                    "--journal", journal.toString(), "--agent", "attached-bot");
            assertEquals(0, attach.exitCode(), attach.describe());
            assertTrue(attach.stdout().matches("(?s)attached to process " + app.pid() + " in \\d+ ms: enforce, policy "
                    + "\"attach-test\" \\p{XDigit}{12} \\(" + policy + "\\), journal " + journal + ", agent attached-bot\n"),
                    attach.describe());
            assertTrue(psLine(app).matches(app.pidText() + " +yes +enforce +attach-test \\p{XDigit}{12} +.*ControlTargetApp"),
                    psLine(app));

            expect(app, SALARIES, "denied", "the statement opened before the attach is decided");
            expect(app, TICKETS, "ok 3");
            expect(app, "http-get " + http.denied(), "denied", "the client built before the attach is decided");
            expect(app, "http-get " + http.allowed(), "ok 200");
            expect(app, "file-read " + outside, "denied", "the JDK's file classes, loaded before the attach, are decided");

            Outcome again = mandate("attach", app.pidText(), "--mode", "audit", "--journal", dir.resolve("other").toString());
            assertEquals(0, again.exitCode(), again.describe());
            assertTrue(again.stdout().contains("the agent already runs in process " + app.pid() + "; reconfiguring"),
                    again.describe());
            assertTrue(again.stdout().contains("mode enforce → audit"), again.describe());
            assertTrue(again.stderr().contains("keeps its settings but policy and mode; ignored: journal"), again.describe());
            expect(app, SALARIES, "ok", "audit mode journals the denial and lets it run");
            Outcome enforce = mandate("mode", app.pidText(), "enforce");
            assertEquals(0, enforce.exitCode(), enforce.describe());
            expect(app, SALARIES, "denied");

            app.step("chain-open attached-bot answer ticket 4");
            String chain = app.lastStep("chain");
            expect(app, TICKETS, "ok 3");
            assertEquals("ok true", app.step("revoke-current the model went off-script"));
            expect(app, TICKETS, "denied", "revoked in-process: denied from the next call");
            app.step("close");

            Outcome detach = mandate("detach", app.pidText());
            assertEquals(0, detach.exitCode(), detach.describe());
            assertTrue(detach.stdout().contains("original bytecode restored"), detach.describe());
            expect(app, SALARIES, "ok", "undecided after the detach");
            expect(app, "http-get " + http.denied(), "ok 200", "undecided after the detach");
            expect(app, "file-read " + outside, "ok 7", "undecided after the detach");
            Outcome status = mandate("status", app.pidText());
            assertEquals(2, status.exitCode(), "the control channel closed with the detach\n" + status.describe());
            Outcome reattach = mandate("attach", app.pidText());
            assertEquals(1, reattach.exitCode(), reattach.describe());
            assertTrue(reattach.stderr().contains("was detached from process " + app.pid()), reattach.describe());

            JvmResult result = app.finish();
            result.assertSucceeded().assertStdoutEmpty();

            JournalEvents events = JournalEvents.read(journal);
            JournalEvent start = events.ofType("agent.start").get(0);
            assertEquals("late", start.string("attach"), events.dump());
            List<JournalEvent> salaries = events.filter(e -> e.type().equals(JournalEvents.CALL)
                    && e.string("resource").contains("salaries"));
            assertEquals(List.of("DENY true", "DENY false", "DENY true"), salaries.stream()
                    .map(e -> e.string("verdict") + " " + e.flag("blocked")).toList(), events.dump());
            assertEquals("revoked", events.callsInChain(chain).get(1).string("ruleId"), events.dump());
            JournalEvent mode = events.filter(e -> e.type().equals("control.command") && e.string("command").equals("mode")
                    && e.string("mode").equals("audit")).get(0);
            assertEquals("accepted", mode.string("outcome"));
            assertEquals(System.getProperty("user.name"), mode.string("senderUser"));
            List<String> tail = events.all().stream().map(JournalEvent::type).toList();
            assertEquals(List.of("agent.detach", "journal.close"), tail.subList(tail.size() - 2, tail.size()),
                    "nothing but the journal's closing is journaled after the detach\n" + events.dump());
            assertEquals("true", events.ofType("agent.detach").get(0).string("bytecodeRestored"));
        }
    }

    @Test
    void attachToTemurin25SaysHowToSilenceItsDynamicAgentWarning(@TempDir Path dir) throws Exception {
        Path temurin = AgentJvm.temurin25().orElse(null);
        assumeTrue(temurin != null, "Temurin 25 is not installed");
        SupportDeskDatabase database = SupportDeskDatabase.h2(dir);
        Path journal = dir.resolve("journal");
        Path policy = Files.writeString(dir.resolve("attach-test.mandate"), POLICY);
        try (Loopback http = new Loopback();
             TargetJvm app = TargetJvm.start(AgentJvm.withoutAgent().jdk(temurin), dir)) {
            app.step("jdbc-open " + database.appJdbcUrl());
            app.step("http-open");

            Outcome attach = mandate("attach", app.pidText(), "--policy", policy.toString(), "--mode", "enforce",
                    "--journal", journal.toString());
            assertEquals(0, attach.exitCode(), attach.describe());
            assertTrue(attach.stderr().contains("mandate: note: process " + app.pid() + " runs Java 25, which prints a "
                    + "warning on its stderr about a dynamically loaded agent; start it with -XX:+EnableDynamicAgentLoading "
                    + "to silence it"), attach.describe());
            expect(app, SALARIES, "denied");
            expect(app, "http-get " + http.denied(), "denied");
            expect(app, "http-get " + http.allowed(), "ok 200");
            Outcome detach = mandate("detach", app.pidText());
            assertEquals(0, detach.exitCode(), detach.describe());
            expect(app, SALARIES, "ok");

            JvmResult result = app.finish();
            result.assertSucceeded().assertStdoutEmpty()
                    .assertStderrContains("A Java agent has been loaded dynamically");
            JournalEvents events = JournalEvents.read(journal);
            assertFalse(events.filter(e -> e.type().equals(JournalEvents.CALL) && e.string("verdict").equals("DENY")
                    && e.flag("blocked")).isEmpty(), "the journal opened and recorded the denials on JDK 25\n" + events.dump());
        }
    }

    @Test
    void aJvmWithoutTheAttachMechanismAndABrokenPolicyAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.mandate"),
                "policy \"broken\"\ndefault deny\nagent \"*\" {\n  allow jdbc selct on tickets\n}\n");
        try (TargetJvm app = TargetJvm.start(AgentJvm.withoutAgent().jvmOption("-XX:+DisableAttachMechanism"), dir)) {
            Outcome refused = mandate("attach", app.pidText());
            assertEquals(1, refused.exitCode(), refused.describe());
            assertEquals(List.of("mandate: process " + app.pid() + " does not accept the attach mechanism"),
                    refused.stderrLines().stream().map(line -> line.replaceFirst(" \\(.*", "")).toList(),
                    refused.describe());
            assertTrue(refused.stderr().contains("start it with -javaagent"), refused.describe());

            Outcome badPolicy = mandate("attach", app.pidText(), "--policy", broken.toString());
            assertEquals(1, badPolicy.exitCode(), badPolicy.describe());
            assertTrue(badPolicy.stderr().contains("broken.mandate:4:14: error: unknown jdbc operation 'selct'"),
                    badPolicy.describe());
            assertTrue(badPolicy.stderr().contains("has errors; nothing was attached"), badPolicy.describe());

            app.finish().assertSucceeded();
        }
    }

    @Test
    void anotherUsersProcessIsRefusedBeforeAnythingIsAttempted() throws Exception {
        // only root can start a process as another user here; the refusal comes before any attach, so any process will do
        assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root and runuser to start a process of another user");
        Process other = new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", "sleep", "60")
                .redirectErrorStream(true).start();
        try {
            long pid = awaitChild(other, "sleep");
            Outcome refused = mandate("attach", Long.toString(pid));
            assertEquals(1, refused.exitCode(), refused.describe());
            assertEquals(List.of("mandate: process " + pid + " belongs to user nobody, not to root; only its own user may "
                    + "attach to it and control its agent: run as nobody (e.g. sudo -u nobody mandate attach " + pid + ")"),
                    refused.stderrLines(), refused.describe());
        } finally {
            other.descendants().forEach(ProcessHandle::destroy);
            other.destroy();
        }
    }

    private static long awaitChild(Process parent, String command) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            var child = parent.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/" + command))
                    .orElse(false)).findFirst();
            if (child.isPresent()) {
                return child.get().pid();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("runuser did not start " + command);
    }

    private static String psLine(TargetJvm app) {
        Outcome ps = mandate("ps");
        assertEquals(0, ps.exitCode(), ps.describe());
        assertTrue(ps.stdoutLines().get(0).startsWith("PID      MANDATE  MODE     POLICY"), ps.describe());
        return ps.stdoutLines().stream().filter(line -> line.startsWith(app.pidText() + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("pid " + app.pid() + " not listed\n" + ps.describe()));
    }

    /** An HTTP server on 127.0.0.1 that the policy allows under /kb/ and denies by its other name, localhost. */
    private static final class Loopback implements AutoCloseable {
        private final HttpServer server;

        Loopback() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
            server.createContext("/", Loopback::respond);
            server.start();
        }

        String allowed() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/kb/article";
        }

        String denied() {
            return "http://localhost:" + server.getAddress().getPort() + "/secret";
        }

        private static void respond(HttpExchange exchange) throws IOException {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
