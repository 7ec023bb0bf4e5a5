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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The packaged agent decides the JDK's HTTP clients, java.net.http.HttpClient (send, sendAsync) and
 * HttpURLConnection (URL.openStream, POST), on the JDK running the tests and on Temurin 25, against
 * a loopback server: an allowed request goes through and is journaled without its query string; a
 * denied one fails with an IOException that is a PolicyDenial before it reaches the server
 * (enforce) or goes through and is journaled as a DENY that was not blocked (audit); a redirect
 * from the allowed host to the denied one is decided at the hop. One forked JVM per JDK and mode.
 */
class JdkHttpClientsTest {
    private static final String POLICY = String.join("\n",
            "policy \"http-it\"",
            "default deny",
            "agent \"research-bot\" {",
            "  allow http GET, POST to \"http://127.0.0.1:*/kb/**\"",
            "  deny http * to \"http://localhost:*/**\" reason \"localhost is not the knowledge base\"",
            "}",
            "");
    private static final String ALLOW_RULE = "http-it.mandate:4";
    private static final String DENY_RULE = "http-it.mandate:5";
    private static final String DENY_REASON = "localhost is not the knowledge base";
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    record Target(String jdk, Path home, String mode) {
        boolean enforce() {
            return mode.equals("enforce");
        }

        @Override
        public String toString() {
            return mode + " on " + jdk;
        }
    }

    record Run(JvmResult result, JournalEvents journal) {
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
    }

    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (String mode : List.of("enforce", "audit")) {
            targets.add(new Target("JDK " + Runtime.version().feature(), Path.of(System.getProperty("java.home")), mode));
            AgentJvm.temurin25().ifPresent(home -> targets.add(new Target("Temurin 25", home, mode)));
        }
        return targets;
    }

    private static Run run(Target target) {
        return RUNS.computeIfAbsent(target.toString(), key -> {
            try {
                Path root = Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("http-it");
                Files.createDirectories(root);
                Path dir = Files.createTempDirectory(root, target.mode() + "-");
                Path policy = Files.writeString(dir.resolve("http-it.mandate"), POLICY);
                Path journal = dir.resolve("journal");
                JvmResult result = AgentJvm.withAgent("policy=" + policy + ",mode=" + target.mode() + ",journal=" + journal)
                        .jdk(target.home())
                        .mainClass(HttpClientsApp.class)
                        .workDir(dir)
                        .run()
                        .assertSucceeded()
                        .assertStdoutEmpty()
                        .assertStderrDoesNotContain("mandate: internal error");
                assertEquals("true", result.observation("agentAttached"));
                return new Run(result, JournalEvents.read(journal));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void allowedRequestsGoThroughAndAreJournaledWithoutTheirQuery(Target target) {
        Run run = run(target);
        assertEquals("ok 200 article", run.outcome("jdk_send"));
        assertEquals("ok 200 article", run.outcome("jdk_async"));
        assertEquals("ok article", run.outcome("huc_stream"));
        assertEquals("ok 200 noted 6", run.outcome("huc_post"));
        assertOnlyCall(run, "jdk_send", target, "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        assertOnlyCall(run, "jdk_async", target, "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        assertOnlyCall(run, "huc_stream", target, "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        assertOnlyCall(run, "huc_post", target, "POST", run.allowed("/kb/notes"), "ALLOW", ALLOW_RULE, false);
        for (JournalEvent call : run.journal().calls()) {
            assertFalse(call.toString().contains(HttpClientsApp.SECRET) || call.toString().contains("hop-secret"),
                    call::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void deniedRequestsNeverReachTheServerInEnforceMode(Target target) {
        Run run = run(target);
        String secret = run.denied("/secret/data");
        assertEquals(target.enforce() ? denial("GET", secret) : "ok 200 secret", run.outcome("jdk_send_denied"));
        assertEquals(target.enforce() ? "async " + denial("GET", secret) : "ok 200 secret",
                run.outcome("jdk_async_denied"));
        assertEquals(target.enforce() ? denial("POST", run.denied("/secret/notes")) : "ok 200 secret",
                run.outcome("huc_post_denied"));
        assertOnlyCall(run, "jdk_send_denied", target, "GET", secret, "DENY", DENY_RULE, target.enforce());
        assertOnlyCall(run, "jdk_async_denied", target, "GET", secret, "DENY", DENY_RULE, target.enforce());
        assertOnlyCall(run, "huc_post_denied", target, "POST", run.denied("/secret/notes"), "DENY", DENY_RULE,
                target.enforce());
        // three denied requests and three redirect hops to the denied host
        assertEquals(target.enforce() ? "0" : "6", run.outcome("secret.hits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aRedirectToADeniedHostIsStoppedAtTheHop(Target target) {
        Run run = run(target);
        String hop = run.denied("/secret/data");
        assertEquals(target.enforce() ? denial("GET", hop) : "ok 200 secret", run.outcome("jdk_send_redirect"));
        assertEquals(target.enforce() ? "async " + denial("GET", hop) : "ok 200 secret",
                run.outcome("jdk_async_redirect"));
        assertEquals(target.enforce() ? denial("GET", hop) : "ok 200 secret", run.outcome("huc_redirect"));
        for (String scenario : List.of("jdk_send_redirect", "jdk_async_redirect", "huc_redirect")) {
            List<JournalEvent> calls = run.calls(scenario);
            assertEquals(2, calls.size(), () -> scenario + ": " + run.journal().dump());
            assertCall(calls.get(0), target, "GET", run.allowed("/kb/moved"), "ALLOW", ALLOW_RULE, false);
            assertCall(calls.get(1), target, "GET", hop, "DENY", DENY_RULE, target.enforce());
        }
    }

    private static String denial(String method, String url) {
        return "denied rule=" + DENY_RULE + " reason=" + DENY_REASON + " message=Mandate denied http " + method + " "
                + url + " by rule " + DENY_RULE + ": " + DENY_REASON;
    }

    private static void assertOnlyCall(Run run, String scenario, Target target, String method, String url,
                                       String verdict, String ruleId, boolean blocked) {
        List<JournalEvent> calls = run.calls(scenario);
        assertEquals(1, calls.size(), () -> scenario + ": " + run.journal().dump());
        assertCall(calls.get(0), target, method, url, verdict, ruleId, blocked);
    }

    private static void assertCall(JournalEvent call, Target target, String method, String url, String verdict,
                                   String ruleId, boolean blocked) {
        assertAll(call.toString(),
                () -> assertEquals("http", call.string("kind")),
                () -> assertEquals(method, call.string("operation")),
                () -> assertEquals(url, call.string("resource")),
                () -> assertEquals(List.of(new JournalEvent.Access(method, url)), call.accesses()),
                () -> assertEquals(verdict, call.string("verdict")),
                () -> assertEquals(ruleId, call.string("ruleId")),
                () -> assertEquals(blocked, call.flag("blocked")),
                () -> assertEquals(target.mode(), call.string("mode")),
                () -> assertEquals(HttpClientsApp.AGENT, call.string("agent")),
                () -> assertEquals(1L, call.longField("depth")));
    }
}
