package io.mandate.it.http;

import io.mandate.it.http.HttpAgentRuns.Run;
import io.mandate.it.http.HttpAgentRuns.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.mandate.it.http.HttpAgentRuns.ALLOW_RULE;
import static io.mandate.it.http.HttpAgentRuns.DENY_RULE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged agent decides Apache HttpClient 5 requests, 5.6 and 5.4 (httpcore5 5.4 and 5.3):
 * the classic client (three execute overloads, the minimal client) and the async client with a
 * callback, against a loopback server: allowed, denied before reaching the server (enforce) or
 * journaled as an unblocked DENY (audit), a redirect to the denied host decided at the hop, and
 * the connection target, not the request's own URL, decided. The sockets are the requests' work
 * (no {@code net} decision). Enforce mode runs on the test JDK and Temurin 25 for each line; audit
 * mode on the test JDK only, to keep the forked JVMs few.
 */
class ApacheHttpClient5Test {
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    record Case(String line, Target target) {
        @Override
        public String toString() {
            return "HttpClient " + line + ", " + target;
        }

        String jarVersion() {
            return line.equals("new") ? "5\\.6\\..*" : "5\\.4\\..*";
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String line : List.of("new", "old")) {
            for (Target target : HttpAgentRuns.libraryTargets()) {
                cases.add(new Case(line, target));
            }
        }
        return cases;
    }

    private static Run run(Case c) {
        return RUNS.computeIfAbsent(c.toString(), key -> HttpAgentRuns.run(c.target(), ApacheHttpClient5App.class,
                "apache5-" + c.line(), jvm -> jvm.addToClasspath(HttpAgentRuns.clientJars("apache5-" + c.line()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void allowedRequestsGoThroughAndAreJournaledWithoutTheirQuery(Case c) {
        Run run = run(c);
        assertTrue(run.outcome("httpclient5").matches("httpclient5-" + c.jarVersion() + "\\.jar"), run.outcome("httpclient5"));
        assertEquals("ok 200 article", run.outcome("classic"));
        assertEquals("ok 200 noted 6", run.outcome("classic_post"));
        assertEquals("ok 200 article", run.outcome("classic_target"));
        assertEquals("ok 200 article", run.outcome("minimal"));
        assertEquals("ok 200 article", run.outcome("async"));
        assertEquals("ok 200 noted 6", run.outcome("async_post"));
        run.assertOnlyCall("classic", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("classic_post", "POST", run.allowed("/kb/notes"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("classic_target", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("minimal", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("async", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("async_post", "POST", run.allowed("/kb/notes"), "ALLOW", ALLOW_RULE, false);
        run.assertNoQueryJournaled();
        run.assertNoNetDecisions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deniedRequestsNeverReachTheServerInEnforceMode(Case c) {
        Run run = run(c);
        boolean enforce = c.target().enforce();
        String notes = run.denied("/secret/notes");
        String secret = run.denied("/secret/data");
        assertEquals(enforce ? run.denial("POST", notes) : "ok 200 secret", run.outcome("classic_denied"));
        assertEquals(enforce ? run.denial("GET", secret) : "ok 200 secret", run.outcome("classic_spoofed"));
        assertEquals(enforce ? run.denial("GET", secret) : "ok 200 secret", run.outcome("minimal_denied"));
        assertEquals(enforce ? "async " + run.denial("GET", secret) : "ok 200 secret", run.outcome("async_denied"));
        run.assertOnlyCall("classic_denied", "POST", notes, "DENY", DENY_RULE, enforce);
        run.assertOnlyCall("classic_spoofed", "GET", secret, "DENY", DENY_RULE, enforce);
        run.assertOnlyCall("minimal_denied", "GET", secret, "DENY", DENY_RULE, enforce);
        run.assertOnlyCall("async_denied", "GET", secret, "DENY", DENY_RULE, enforce);
        // four denied requests and two redirect hops to the denied host
        assertEquals(enforce ? "0" : "6", run.outcome("secret.hits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRedirectToADeniedHostIsStoppedAtTheHop(Case c) {
        Run run = run(c);
        boolean enforce = c.target().enforce();
        String hop = run.denied("/secret/data");
        assertEquals(enforce ? run.denial("GET", hop) : "ok 200 secret", run.outcome("classic_redirect"));
        assertEquals(enforce ? "async " + run.denial("GET", hop) : "ok 200 secret", run.outcome("async_redirect"));
        run.assertStoppedAtTheHop("classic_redirect");
        run.assertStoppedAtTheHop("async_redirect");
        run.assertNoNetDecisions();
    }
}
