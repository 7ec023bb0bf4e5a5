package io.mandate.it.lineage;

import io.mandate.agent.instrumentation.lineage.LineageClaims;
import io.mandate.agent.instrumentation.lineage.LineageCodec;
import io.mandate.agent.journal.JournalEvent;
import io.mandate.agent.journal.RunIdentity;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.mandate.it.apps.Observations;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVMs with the packaged agent on loopback: an agent in a chain calls a service (JDK HttpServer
 * and Tomcat 11 here, Jetty 12 ee10 in a subclass) that runs under Mandate too. The service continues the chain when the lineage
 * header is signed by a run key the operator key it trusts certified; forged, expired and untrusted
 * headers (made in this JVM) are journaled as such and the request runs outside any chain; requests
 * outside a chain, or denied by the policy, carry no header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossProcessLineageTest {
    /** The JDK both JVMs run on; a subclass runs the same scenarios on Temurin 25. */
    Path jdk() {
        return Path.of(System.getProperty("java.home"));
    }

    /** The servlet container beside the JDK server: "tomcat", or "jetty" in a subclass. */
    String container() {
        return "tomcat";
    }

    private String[] containerLibraries() {
        return container().equals("jetty")
                ? new String[] {"h2", "jetty-ee10-servlet", "jetty-server", "jetty-http", "jetty-io", "jetty-util",
                        "jetty-security", "jetty-session", "jakarta.servlet-api", "slf4j-api"}
                : new String[] {"h2", "tomcat-embed-core", "tomcat-annotations-api"};
    }

    private static final String CLIENT_POLICY = String.join("\n",
            "policy \"lineage-it\"",
            "default deny",
            "agent \"research-*\" {",
            "  allow http GET to \"http://127.0.0.1:*/kb/**\"",
            "  deny http * to \"http://localhost:*/**\" reason \"not the knowledge base\"",
            "}",
            "");

    private JvmResult client;
    private JvmResult server;
    private JournalEvents clientJournal;
    private JournalEvents serverJournal;
    private final java.util.Map<String, Integer> crafted = new java.util.HashMap<>();

    @BeforeAll
    void runClientAgainstServer() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(
                Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("lineage-it")), "run-");
        KeyPair operator = ed25519();
        KeyPair otherOperator = ed25519();
        Path operatorPrivate = Files.writeString(dir.resolve("operator.pem"), pem("PRIVATE KEY", operator.getPrivate().getEncoded()));
        Path operatorPublic = Files.writeString(dir.resolve("operator.pub.pem"), pem("PUBLIC KEY", operator.getPublic().getEncoded()));
        Path policy = Files.writeString(dir.resolve("lineage-it.mandate"), CLIENT_POLICY);
        Path serverDir = Files.createDirectories(dir.resolve("server"));
        Path clientDir = Files.createDirectories(dir.resolve("client"));

        CompletableFuture<JvmResult> serverRun = CompletableFuture.supplyAsync(() -> AgentJvm
                .withAgent("mode=audit,agent=kb-service,journal=" + serverDir.resolve("journal")
                        + ",lineageTrust=" + operatorPublic)
                .jdk(jdk())
                .mainClass(LineageServerApp.class)
                .args(container())
                .appLibraries(containerLibraries())
                .workDir(serverDir)
                .timeout(Duration.ofSeconds(180))
                .run());
        int jdkPort = Integer.parseInt(awaitObservation(serverDir, "jdkPort", serverRun));
        int servletPort = Integer.parseInt(awaitObservation(serverDir, "servletPort", serverRun));

        client = AgentJvm.withAgent("policy=" + policy + ",mode=audit,journal=" + clientDir.resolve("journal")
                        + ",operatorKey=" + operatorPrivate)
                .jdk(jdk())
                .mainClass(LineageClientApp.class)
                .addToClasspath(okHttpJars())
                .args(Integer.toString(jdkPort), Integer.toString(servletPort))
                .workDir(clientDir)
                .run()
                .assertSucceeded()
                .assertStdoutEmpty()
                .assertStderrDoesNotContain("mandate: internal error");
        clientJournal = JournalEvents.read(clientDir.resolve("journal"));

        // Headers nobody under Mandate sent, from this JVM (no agent here).
        long now = System.currentTimeMillis();
        RunIdentity trustedRun = RunIdentity.create("run-crafted", operator.getPrivate());
        RunIdentity untrustedRun = RunIdentity.create("run-intruder", otherOperator.getPrivate());
        String genuine = header(trustedRun, now, now + 60_000, "research-bot");
        send(jdkPort, "forged", forge(genuine));
        send(servletPort, "forged-servlet", forge(genuine));
        send(jdkPort, "expired", header(trustedRun, now - 180_000, now - 120_000, "research-bot"));
        send(jdkPort, "untrusted", header(untrustedRun, now, now + 60_000, "research-bot"));
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jdkPort + "/stop")).build(),
                HttpResponse.BodyHandlers.discarding());
        server = serverRun.get(120, TimeUnit.SECONDS)
                .assertSucceeded()
                .assertStdoutEmpty()
                .assertStderrDoesNotContain("mandate: internal error");
        serverJournal = JournalEvents.read(serverDir.resolve("journal"));
    }

    @Test
    void theServiceContinuesTheChainAsAChildForBothServers() {
        for (String request : List.of("jdk-client", "servlet-urlconnection", "okhttp-servlet")) {
            assertEquals("200 lineage", client.observation(request));
            assertEquals("present", server.observation(request + ".header"), request);
            String continued = server.observation(request + ".chain");
            assertNotEquals("none", continued, request);

            JournalEvent accepted = serverJournal.onlyLifecycle("lineage.accept", "chainId", continued);
            String runId = clientJournal.ofType("journal.open").get(0).string("writerId");
            assertAll(request + ": " + accepted,
                    () -> assertEquals("kb-service", accepted.string("agent")),
                    () -> assertEquals(client.observation("chain"), accepted.string("parentChainId")),
                    () -> assertEquals(client.observation("root"), accepted.string("rootChainId")),
                    () -> assertEquals("3", accepted.string("depth")),
                    () -> assertEquals("research-sub", accepted.string("remoteAgent")),
                    () -> assertEquals(client.observation("step"), accepted.string("remoteStepId")),
                    () -> assertEquals(runId, accepted.string("remoteRunId")),
                    () -> assertTrue(accepted.string("trustedBy").startsWith("operator key "), accepted.string("trustedBy")),
                    () -> assertEquals("GET", accepted.string("method")),
                    () -> assertEquals("/kb/" + request, accepted.string("target")));

            JournalEvent opened = serverJournal.onlyLifecycle("chain.open", "chainId", continued);
            assertEquals(client.observation("chain"), opened.string("parentChainId"));
            serverJournal.onlyLifecycle("chain.close", "chainId", continued);

            // the handler's query, and its other work (the observation it writes to a file)
            List<JournalEvent> work = serverJournal.callsInChain(continued);
            assertTrue(work.stream().anyMatch(call -> call.string("kind").equals("jdbc")),
                    () -> request + ": no query in the continued chain\n" + serverJournal.dump());
            for (JournalEvent call : work) {
                assertAll(call.toString(),
                        () -> assertEquals("kb-service", call.string("agent")),
                        () -> assertEquals(client.observation("chain"), call.string("parentChainId")),
                        () -> assertEquals(client.observation("root"), call.string("rootChainId")),
                        () -> assertEquals(3L, call.longField("depth")));
            }
        }
        assertEquals("2", client.observation("depth"));
        // and the two first requests of the redirect scenario
        assertEquals(5, serverJournal.ofType("lineage.accept").size(), serverJournal::dump);
    }

    @Test
    void forgedExpiredAndUntrustedHeadersAreJournaledAndNotContinued() {
        assertRejected("forged", "forged", "/kb/forged");
        assertRejected("forged-servlet", "forged", "/kb/forged-servlet");
        assertRejected("expired", "expired", "/kb/expired");
        assertRejected("untrusted", "untrusted", "/kb/untrusted");
        assertEquals(4, serverJournal.ofType("lineage.reject").size(), serverJournal::dump);
    }

    @Test
    void requestsOutsideAChainOrDeniedByThePolicyCarryNoHeader() {
        assertEquals("200 lineage", client.observation("outside"));
        assertEquals("absent", server.observation("outside.header"));
        assertEquals("none", server.observation("outside.chain"));

        // audit mode: the denied request is sent, and journaled as the DENY it is, but without lineage
        assertEquals("200 lineage", client.observation("denied"));
        assertEquals("absent", server.observation("denied.header"));
        assertEquals("none", server.observation("denied.chain"));
        assertTrue(clientJournal.callsInChain(client.observation("chain")).stream()
                .anyMatch(c -> c.string("verdict").equals("DENY") && c.string("resource").contains("localhost")),
                clientJournal::dump);
    }

    @Test
    void aRedirectHopThePolicyDeniedDropsTheHeaderItsRequestCarried() {
        for (String client : List.of("urlconnection", "okhttp")) {
            assertEquals("present", server.observation("redirect-" + client + ".header"), client);
            assertEquals("200 lineage", this.client.observation("redirect-" + client), client);
            assertEquals("absent", server.observation("hop-" + client + ".header"), client);
            assertEquals("none", server.observation("hop-" + client + ".chain"), client);
        }
    }

    private void assertRejected(String id, String outcome, String target) {
        assertEquals(200, crafted.get(id), id);
        assertEquals("present", server.observation(id + ".header"), id);
        assertEquals("none", server.observation(id + ".chain"), id);
        JournalEvent rejected = serverJournal.onlyLifecycle("lineage.reject", "target", target);
        assertAll(rejected.toString(),
                () -> assertEquals(outcome, rejected.string("outcome")),
                () -> assertEquals("GET", rejected.string("method")),
                () -> assertFalse(rejected.string("detail").isEmpty()),
                () -> assertEquals("c-crafted-2", rejected.string("claimedChainId")));
        assertTrue(serverJournal.filter(e -> e.type().equals("lineage.accept") && e.string("target").equals(target)).isEmpty());
    }

    private void send(int port, String id, String header) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/kb/" + id));
        if (header != null) {
            request.header("Mandate-Lineage", header);
        }
        crafted.put(id, HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private static String header(RunIdentity run, long issuedAt, long expiresAt, String agent) {
        byte[] payload = LineageCodec.payload(new LineageClaims(issuedAt, expiresAt, run.runId(), run.publicKey(),
                run.operatorCertificate(), agent, "s-crafted-3", List.of("c-crafted-1", "c-crafted-2")));
        return LineageCodec.header(payload, run.sign(LineageCodec.DOMAIN, payload));
    }

    /** The genuine header with its agent changed to another one and the original signature kept. */
    private static String forge(String genuine) {
        try {
            LineageCodec.Parsed parsed = LineageCodec.parse(genuine);
            LineageClaims claims = parsed.claims();
            LineageClaims changed = new LineageClaims(claims.issuedAtMillis(), claims.expiresAtMillis(), claims.runId(),
                    claims.runPublicKey(), claims.operatorCertificate(), "admin-bot", claims.stepId(), claims.lineage());
            return LineageCodec.header(LineageCodec.payload(changed), parsed.signature());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String awaitObservation(Path workDir, String key, CompletableFuture<JvmResult> run) throws Exception {
        Path file = workDir.resolve("observations.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (run.isDone()) {
                throw new AssertionError("the server ended before it was ready:\n" + run.get().describe());
            }
            if (Files.exists(file)) {
                Optional<String> value = Observations.read(file).stream().filter(e -> e.getKey().equals(key))
                        .map(java.util.Map.Entry::getValue).findFirst();
                if (value.isPresent()) {
                    return value.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not report " + key + " in time");
    }

    /** OkHttp 5 and its dependencies, as the build copied them for the HTTP tests. */
    private static Path[] okHttpJars() throws IOException {
        Path dir = Path.of(System.getProperty("mandate.it.httpLibs", "target/http-libs")).resolve("okhttp5");
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).toArray(Path[]::new);
        }
    }

    private static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
