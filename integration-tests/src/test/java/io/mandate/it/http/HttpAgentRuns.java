package io.mandate.it.http;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the HTTP client tests share: the policy (the knowledge base at 127.0.0.1 allowed, everything
 * at localhost denied), the JDKs and modes they run on, one forked app run per target, and how a
 * journaled HTTP call is checked.
 */
final class HttpAgentRuns {
    static final String POLICY = String.join("\n",
            "policy \"http-it\"",
            "default deny",
            "agent \"research-bot\" {",
            "  allow http GET, POST to \"http://127.0.0.1:*/kb/**\", \"https://127.0.0.1:*/kb/**\"",
            "  deny http * to \"http://localhost:*/**\", \"https://localhost:*/**\" reason \"localhost is not the knowledge base\"",
            "}",
            // the https scenarios' server key and certificate, which the app loads before any chain
            "agent \"*\" {",
            "  allow file read \"**/loopback.p12\"",
            "}",
            "");
    static final String ALLOW_RULE = "http-it.mandate:4";
    static final String DENY_RULE = "http-it.mandate:5";
    static final String DENY_REASON = "localhost is not the knowledge base";

    private HttpAgentRuns() {
    }

    record Target(String jdk, Path home, String mode) {
        boolean enforce() {
            return mode.equals("enforce");
        }

        @Override
        public String toString() {
            return mode + " on " + jdk;
        }
    }

    record Run(Target target, JvmResult result, JournalEvents journal) {
        String outcome(String scenario) {
            return result.observation(scenario);
        }

        List<JournalEvent> calls(String scenario) {
            return journal.callsInChain(result.observation(scenario + ".chain"));
        }

        String allowed(String path) {
            return "http://127.0.0.1:" + result.observation("port") + path;
        }

        String denied(String path) {
            return "http://localhost:" + result.observation("port") + path;
        }

        String allowedHttps(String path) {
            return "https://127.0.0.1:" + result.observation("httpsPort") + path;
        }

        String deniedHttps(String path) {
            return "https://localhost:" + result.observation("httpsPort") + path;
        }

        /** What a scenario reports when the policy denied {@code method url}. */
        String denial(String method, String url) {
            return "denied rule=" + DENY_RULE + " reason=" + DENY_REASON + " message=Mandate denied http " + method
                    + " " + url + " by rule " + DENY_RULE + ": " + DENY_REASON;
        }

        void assertOnlyCall(String scenario, String method, String url, String verdict, String ruleId,
                            boolean blocked) {
            List<JournalEvent> calls = calls(scenario);
            assertEquals(1, calls.size(), () -> scenario + ": " + journal.dump());
            assertCall(calls.get(0), method, url, verdict, ruleId, blocked);
        }

        /** The first hop allowed, the redirect to the denied host decided (and in enforce mode stopped) on its own. */
        void assertStoppedAtTheHop(String scenario) {
            List<JournalEvent> calls = calls(scenario);
            assertEquals(2, calls.size(), () -> scenario + ": " + journal.dump());
            assertCall(calls.get(0), "GET", allowed("/kb/moved"), "ALLOW", ALLOW_RULE, false);
            assertCall(calls.get(1), "GET", denied("/secret/data"), "DENY", DENY_RULE, target.enforce());
        }

        void assertCall(JournalEvent call, String method, String url, String verdict, String ruleId, boolean blocked) {
            assertAll(call.toString(),
                    () -> assertEquals("http", call.string("kind")),
                    () -> assertEquals(method, call.string("operation")),
                    () -> assertEquals(url, call.string("resource")),
                    () -> assertEquals(List.of(new JournalEvent.Access(method, url)), call.accesses()),
                    () -> assertEquals(verdict, call.string("verdict")),
                    () -> assertEquals(ruleId, call.string("ruleId")),
                    () -> assertEquals(blocked, call.flag("blocked")),
                    () -> assertEquals(target.mode(), call.string("mode")),
                    () -> assertEquals(ToolCalls.AGENT, call.string("agent")),
                    () -> assertEquals(1L, call.longField("depth")));
        }

        /** Every socket the app opened was an HTTP request's work: nothing was decided twice as {@code net}. */
        void assertNoNetDecisions() {
            List<JournalEvent> net = journal.calls().stream().filter(call -> "net".equals(call.string("kind"))).toList();
            assertEquals(List.of(), net, journal::dump);
        }

        /** No query string (where the secrets are) reached the journal. */
        void assertNoQueryJournaled() {
            for (JournalEvent call : journal.calls()) {
                assertFalse(call.toString().contains(ToolCalls.SECRET) || call.toString().contains("hop-secret"),
                        call::toString);
            }
        }
    }

    /** The jars of one client library version, which the build copies into http-libs/{@code set}. */
    static Path[] clientJars(String set) {
        Path dir = Path.of(System.getProperty("mandate.it.httpLibs", "target/http-libs")).resolve(set);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("the client jars are copied by the build into " + dir, e);
        }
    }

    /**
     * The targets a client library's tests run each version on: enforce on every JDK, audit on the
     * test JDK only, to keep the forked JVMs few.
     */
    static List<Target> libraryTargets() {
        return targets().stream()
                .filter(target -> target.enforce() || target.home().equals(Path.of(System.getProperty("java.home"))))
                .toList();
    }

    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (String mode : List.of("enforce", "audit")) {
            targets.add(new Target("JDK " + Runtime.version().feature(), Path.of(System.getProperty("java.home")), mode));
            AgentJvm.temurin25().ifPresent(home -> targets.add(new Target("Temurin 25", home, mode)));
        }
        return targets;
    }

    /** Runs {@code app} under the packaged agent with the policy, as {@code configure} adds to the JVM. */
    static Run run(Target target, Class<?> app, String label, UnaryOperator<AgentJvm> configure) {
        return run(target, app, label, POLICY, "", configure);
    }

    /**
     * Runs {@code app} under the packaged agent with {@code policy} (saved as http-it.mandate, so rule
     * ids read {@code http-it.mandate:LINE}) and the extra agent arguments {@code moreAgentArgs}
     * (",key=value..." or empty).
     */
    static Run run(Target target, Class<?> app, String label, String policy, String moreAgentArgs,
                   UnaryOperator<AgentJvm> configure) {
        try {
            Path root = Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("http-it");
            Files.createDirectories(root);
            Path dir = Files.createTempDirectory(root, label + "-" + target.mode() + "-");
            Path policyFile = Files.writeString(dir.resolve("http-it.mandate"), policy);
            Path journal = dir.resolve("journal");
            AgentJvm jvm = AgentJvm.withAgent("policy=" + policyFile + ",mode=" + target.mode() + ",journal=" + journal
                            + moreAgentArgs)
                    .jdk(target.home())
                    .mainClass(app)
                    .workDir(dir);
            JvmResult result = configure.apply(jvm).run()
                    .assertSucceeded()
                    .assertStdoutEmpty()
                    .assertStderrDoesNotContain("mandate: internal error");
            assertEquals("true", result.observation("agentAttached"));
            return new Run(target, result, JournalEvents.read(journal));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
