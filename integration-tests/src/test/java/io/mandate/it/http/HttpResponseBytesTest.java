package io.mandate.it.http;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.http.HttpAgentRuns.Run;
import io.mandate.it.http.HttpAgentRuns.Target;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.mandate.it.http.HttpAgentRuns.ALLOW_RULE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packaged agent meters the response bytes applications read against {@code limit http bytes
 * 16KB per chain}, for every client (the JDK's HttpClient send and sendAsync, HttpURLConnection,
 * OkHttp, Apache HttpClient 5 classic and async), each reading a 40,000-byte body in a chain of its own. In
 * enforce mode the read that crosses the budget fails with an IOException that is a PolicyDenial
 * naming the limit's rule; in audit mode the whole body arrives. Either way the journal shows the
 * allowed request, then exactly one limit event (kind http, operation read, the limit's rule,
 * blocked only in enforce mode). A body within the budget journals nothing more than its request.
 * OkHttp 5 on every target, OkHttp 4 in enforce mode on the test JDK.
 */
class HttpResponseBytesTest {
    static final String POLICY = String.join("\n",
            "policy \"http-it\"",
            "default deny",
            "agent \"research-bot\" {",
            "  allow http GET, POST to \"http://127.0.0.1:*/kb/**\"",
            "  deny http * to \"http://localhost:*/**\" reason \"localhost is not the knowledge base\"",
            "  limit http bytes 16KB per chain",
            "}",
            "");
    static final String LIMIT_RULE = "limit:http-it.mandate:6";
    static final String LIMIT_REASON = "limit http bytes 16KB per chain exceeded";

    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    record Case(String okhttp, Target target) {
        @Override
        public String toString() {
            return "OkHttp " + okhttp + ", " + target;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Target target : HttpAgentRuns.libraryTargets()) {
            cases.add(new Case("5", target));
        }
        HttpAgentRuns.libraryTargets().stream()
                .filter(target -> target.enforce() && target.home().equals(Path.of(System.getProperty("java.home"))))
                .forEach(target -> cases.add(new Case("4", target)));
        return cases;
    }

    private static Run run(Case c) {
        return RUNS.computeIfAbsent(c.toString(), key -> HttpAgentRuns.run(c.target(), ResponseBytesApp.class,
                "bytes-okhttp" + c.okhttp(), POLICY, "", jvm -> jvm.addToClasspath(Stream.concat(
                        Stream.of(HttpAgentRuns.clientJars("okhttp" + c.okhttp())),
                        Stream.of(HttpAgentRuns.clientJars("apache5-new"))).toArray(Path[]::new))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBodyOverTheBudgetIsStoppedInEnforceModeAndJournaledOnceInAudit(Case c) {
        Run run = run(c);
        boolean enforce = c.target().enforce();
        String large = run.allowed("/kb/large");
        String whole = "ok " + LoopbackServer.LARGE_BODY;
        String denial = "denied rule=" + LIMIT_RULE + " reason=" + LIMIT_REASON + " message=Mandate stopped http read of ";
        String byRule = " by rule " + LIMIT_RULE + ": " + LIMIT_REASON;
        assertAll(
                () -> assertEquals(enforce ? denial + large + byRule : whole, run.outcome("jdk_send")),
                () -> assertEquals(enforce ? "async " + denial + large + byRule : whole, run.outcome("jdk_async")),
                () -> assertEquals(enforce ? denial + large + byRule : whole, run.outcome("huc")),
                () -> assertEquals(enforce ? denial + "(response body)" + byRule : whole, run.outcome("okhttp")),
                () -> assertEquals(enforce ? denial + "(response body)" + byRule : whole, run.outcome("apache")),
                () -> assertEquals(enforce ? "async " + denial + "(response body)" + byRule : whole,
                        run.outcome("apache_async")));
        assertRequestThenOneLimitEvent(run, "jdk_send", large);
        assertRequestThenOneLimitEvent(run, "jdk_async", large);
        assertRequestThenOneLimitEvent(run, "huc", large);
        assertRequestThenOneLimitEvent(run, "okhttp", "(response body)");
        assertRequestThenOneLimitEvent(run, "apache", "(response body)");
        assertRequestThenOneLimitEvent(run, "apache_async", "(response body)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBodyWithinTheBudgetIsReadAndOnlyItsRequestIsJournaled(Case c) {
        Run run = run(c);
        assertEquals("ok 7", run.outcome("small"));
        run.assertOnlyCall("small", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
    }

    private static void assertRequestThenOneLimitEvent(Run run, String scenario, String resource) {
        List<JournalEvent> calls = run.calls(scenario);
        assertEquals(2, calls.size(), () -> scenario + ": " + run.journal().dump());
        run.assertCall(calls.get(0), "GET", run.allowed("/kb/large"), "ALLOW", ALLOW_RULE, false);
        JournalEvent limit = calls.get(1);
        assertAll(scenario + ": " + limit,
                () -> assertEquals("http", limit.string("kind")),
                () -> assertEquals("read", limit.string("operation")),
                () -> assertEquals(resource, limit.string("resource")),
                () -> assertEquals("DENY", limit.string("verdict")),
                () -> assertEquals(LIMIT_RULE, limit.string("ruleId")),
                () -> assertEquals(LIMIT_REASON, limit.string("reason")),
                () -> assertEquals(run.target().enforce(), limit.flag("blocked")),
                () -> assertEquals(run.target().mode(), limit.string("mode")),
                () -> assertEquals(ToolCalls.AGENT, limit.string("agent")),
                () -> assertEquals("fetch", limit.string("tool")));
    }
}
