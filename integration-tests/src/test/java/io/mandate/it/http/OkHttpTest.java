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
 * The packaged agent decides OkHttp 4.x and 5.x calls, execute and enqueue, against a loopback
 * server: allowed, denied before reaching the server (enforce) or journaled as an unblocked DENY
 * (audit), and a redirect to the denied host decided at the hop. Enforce mode runs on the test JDK
 * and Temurin 25 for each major; audit mode on the test JDK only, to keep the forked JVMs few.
 */
class OkHttpTest {
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    record Case(String okhttp, Target target) {
        @Override
        public String toString() {
            return "OkHttp " + okhttp + ", " + target;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String major : List.of("4", "5")) {
            for (Target target : HttpAgentRuns.libraryTargets()) {
                cases.add(new Case(major, target));
            }
        }
        return cases;
    }

    private static Run run(Case c) {
        return RUNS.computeIfAbsent(c.toString(), key -> HttpAgentRuns.run(c.target(), OkHttpApp.class,
                "okhttp" + c.okhttp(), jvm -> jvm.addToClasspath(HttpAgentRuns.clientJars("okhttp" + c.okhttp()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void allowedCallsGoThroughAndAreJournaledWithoutTheirQuery(Case c) {
        Run run = run(c);
        assertTrue(run.outcome("okhttp").matches("okhttp(-jvm)?-" + c.okhttp() + "\\..*\\.jar"), run.outcome("okhttp"));
        assertEquals("ok 200 article", run.outcome("execute"));
        assertEquals("ok 200 noted 6", run.outcome("execute_post"));
        assertEquals("ok 200 article", run.outcome("enqueue"));
        run.assertOnlyCall("execute", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("execute_post", "POST", run.allowed("/kb/notes"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("enqueue", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertNoQueryJournaled();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deniedCallsNeverReachTheServerInEnforceMode(Case c) {
        Run run = run(c);
        boolean enforce = c.target().enforce();
        String notes = run.denied("/secret/notes");
        String secret = run.denied("/secret/data");
        assertEquals(enforce ? run.denial("POST", notes) : "ok 200 secret", run.outcome("execute_denied"));
        assertEquals(enforce ? "async " + run.denial("GET", secret) : "ok 200 secret", run.outcome("enqueue_denied"));
        run.assertOnlyCall("execute_denied", "POST", notes, "DENY", DENY_RULE, enforce);
        run.assertOnlyCall("enqueue_denied", "GET", secret, "DENY", DENY_RULE, enforce);
        // two denied calls and two redirect hops to the denied host
        assertEquals(enforce ? "0" : "4", run.outcome("secret.hits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRedirectToADeniedHostIsStoppedAtTheHop(Case c) {
        Run run = run(c);
        boolean enforce = c.target().enforce();
        String hop = run.denied("/secret/data");
        assertEquals(enforce ? run.denial("GET", hop) : "ok 200 secret", run.outcome("execute_redirect"));
        assertEquals(enforce ? "async " + run.denial("GET", hop) : "ok 200 secret", run.outcome("enqueue_redirect"));
        run.assertStoppedAtTheHop("execute_redirect");
        run.assertStoppedAtTheHop("enqueue_redirect");
    }
}
