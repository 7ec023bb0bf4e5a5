package io.mandate.it.http;

import io.mandate.it.http.HttpAgentRuns.Run;
import io.mandate.it.http.HttpAgentRuns.Target;
import io.mandate.agent.journal.JournalEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.mandate.it.http.HttpAgentRuns.ALLOW_RULE;
import static io.mandate.it.http.HttpAgentRuns.DENY_RULE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The packaged agent decides the JDK's HTTP clients, java.net.http.HttpClient (send, sendAsync) and
 * HttpURLConnection (URL.openStream, POST), over http and https, on the JDK running the tests and on
 * Temurin 25, against loopback servers: an allowed request goes through and is journaled without its query string; a
 * denied one fails with an IOException that is a PolicyDenial before it reaches the server
 * (enforce) or goes through and is journaled as a DENY that was not blocked (audit); a redirect
 * from the allowed host to the denied one is decided at the hop. One forked JVM per JDK and mode.
 */
class JdkHttpClientsTest {
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    static List<Target> targets() {
        return HttpAgentRuns.targets();
    }

    private static Path keystore;

    private static synchronized Path keystore() throws IOException, InterruptedException {
        if (keystore == null) {
            Path dir = Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("http-it");
            Files.createDirectories(dir);
            Path file = Files.createTempDirectory(dir, "tls-").resolve("loopback.p12");
            keystore = LoopbackTls.createKeystore(file);
        }
        return keystore;
    }

    private static Run run(Target target) {
        return RUNS.computeIfAbsent(target.toString(), key -> {
            try {
                Path tls = keystore();
                return HttpAgentRuns.run(target, HttpClientsApp.class, "jdk", jvm -> jvm.args(tls.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
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
        run.assertOnlyCall("jdk_send", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("jdk_async", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("huc_stream", "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("huc_post", "POST", run.allowed("/kb/notes"), "ALLOW", ALLOW_RULE, false);
        assertEquals("ok 200 article", run.outcome("jdk_https"));
        assertEquals("ok 200 article", run.outcome("huc_https"));
        run.assertOnlyCall("jdk_https", "GET", run.allowedHttps("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertOnlyCall("huc_https", "GET", run.allowedHttps("/kb/article"), "ALLOW", ALLOW_RULE, false);
        run.assertNoQueryJournaled();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void deniedRequestsNeverReachTheServerInEnforceMode(Target target) {
        Run run = run(target);
        String secret = run.denied("/secret/data");
        String notes = run.denied("/secret/notes");
        assertEquals(target.enforce() ? run.denial("GET", secret) : "ok 200 secret", run.outcome("jdk_send_denied"));
        assertEquals(target.enforce() ? "async " + run.denial("GET", secret) : "ok 200 secret",
                run.outcome("jdk_async_denied"));
        assertEquals(target.enforce() ? run.denial("POST", notes) : "ok 200 secret", run.outcome("huc_post_denied"));
        run.assertOnlyCall("jdk_send_denied", "GET", secret, "DENY", DENY_RULE, target.enforce());
        run.assertOnlyCall("jdk_async_denied", "GET", secret, "DENY", DENY_RULE, target.enforce());
        run.assertOnlyCall("huc_post_denied", "POST", notes, "DENY", DENY_RULE, target.enforce());
        String httpsSecret = run.deniedHttps("/secret/data");
        assertEquals(target.enforce() ? run.denial("GET", httpsSecret) : "ok 200 secret", run.outcome("jdk_https_denied"));
        assertEquals(target.enforce() ? run.denial("GET", httpsSecret) : "ok 200 secret", run.outcome("huc_https_denied"));
        run.assertOnlyCall("jdk_https_denied", "GET", httpsSecret, "DENY", DENY_RULE, target.enforce());
        run.assertOnlyCall("huc_https_denied", "GET", httpsSecret, "DENY", DENY_RULE, target.enforce());
        // five denied requests (two over https) and three redirect hops to the denied host
        assertEquals(target.enforce() ? "0" : "8", run.outcome("secret.hits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aRedirectToADeniedHostIsStoppedAtTheHop(Target target) {
        Run run = run(target);
        String hop = run.denied("/secret/data");
        assertEquals(target.enforce() ? run.denial("GET", hop) : "ok 200 secret", run.outcome("jdk_send_redirect"));
        assertEquals(target.enforce() ? "async " + run.denial("GET", hop) : "ok 200 secret",
                run.outcome("jdk_async_redirect"));
        assertEquals(target.enforce() ? run.denial("GET", hop) : "ok 200 secret", run.outcome("huc_redirect"));
        run.assertStoppedAtTheHop("jdk_send_redirect");
        run.assertStoppedAtTheHop("jdk_async_redirect");
        run.assertStoppedAtTheHop("huc_redirect");
    }

    /**
     * HttpClientImpl.sendAsync runs the exchange's own set-up detached from the chain (the client's
     * internal stages carry no context); the sending thread is back in its chain when sendAsync
     * returns or throws, and a stage the application adds to the returned future, and the
     * application's body handler, run in it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void sendAsyncLeavesTheSendingThreadAndTheApplicationsStagesInTheChain(Target target) {
        Run run = run(target);
        String chain = run.result().observation("jdk_async_context.chain");
        assertEquals("after " + chain + " stage " + chain + " thrown " + chain + " second 200 " + chain
                + " handler " + chain, run.outcome("jdk_async_context"));
        List<JournalEvent> calls = run.calls("jdk_async_context");
        assertFalse(calls.isEmpty());
        for (JournalEvent call : calls) {
            run.assertCall(call, "GET", run.allowed("/kb/article"), "ALLOW", ALLOW_RULE, false);
        }
    }
}
