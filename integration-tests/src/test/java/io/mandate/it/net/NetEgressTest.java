package io.mandate.it.net;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JournalEvents;
import io.mandate.it.support.JvmResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
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

/**
 * The packaged agent decides every raw socket API's connects and datagrams, on the JDK running the
 * tests and on Temurin 25, against loopback servers the app runs: an allowed target is reached and
 * journaled; a denied one fails with a ConnectException that is a PolicyDenial and nothing reaches
 * the server (enforce), or is reached and journaled as a DENY that was not blocked (audit). An
 * asynchronous connect fails through its Future or handler and its channel is closed, as for a
 * refused connection; a connect that reaches the JDK's native step by reflection, skipping every
 * public API, is decided there. One forked JVM per JDK and mode.
 */
class NetEgressTest {
    private static final String ALLOW_RULE = "net-it.mandate:4";
    private static final String DENY_RULE = "net-it.mandate:5";
    private static final String REASON = "the exfiltration port";
    private static final List<String> DENIED_SCENARIOS = List.of("socket_denied", "channel_denied",
            "async_future_denied", "async_handler_denied", "datagram_socket_denied", "datagram_socket_connect_denied",
            "datagram_channel_connect_denied", "native_bypass_denied");
    private static final Map<String, RunOrFailure> RUNS = new ConcurrentHashMap<>();

    record Target(String jdk, Path home, String mode) {
        boolean enforce() {
            return mode.equals("enforce");
        }

        @Override
        public String toString() {
            return mode + " on " + jdk;
        }
    }

    record Ports(int allowedTcp, int deniedTcp, int allowedUdp, int deniedUdp) {
    }

    record Run(JvmResult result, JournalEvents journal, Ports ports) {
        JournalEvent call(String scenario) {
            return journal.onlyCallInChain(result.observation(scenario + ".chain"));
        }
    }

    private record RunOrFailure(Run run, Throwable failure) {
    }

    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (String mode : List.of("enforce", "audit")) {
            targets.add(new Target("JDK " + Runtime.version().feature(), Path.of(System.getProperty("java.home")), mode));
            AgentJvm.temurin25().ifPresent(home -> targets.add(new Target("Temurin 25", home, mode)));
        }
        return targets;
    }

    static List<Object[]> deniedScenarios() {
        List<Object[]> cases = new ArrayList<>();
        for (Target target : targets()) {
            for (String scenario : DENIED_SCENARIOS) {
                cases.add(new Object[] {target, scenario});
            }
        }
        return cases;
    }

    /** One JVM per target, shared by the tests that check its parts; a failed run fails them all without a rerun. */
    private static Run run(Target target) {
        RunOrFailure known = RUNS.computeIfAbsent(target.toString(), key -> {
            try {
                return new RunOrFailure(start(target), null);
            } catch (RuntimeException | AssertionError e) {
                return new RunOrFailure(null, e);
            }
        });
        if (known.failure() != null) {
            throw new AssertionError("the " + target + " run failed", known.failure());
        }
        return known.run();
    }

    private static Run start(Target target) {
        try {
            Ports ports = new Ports(freeTcpPort(), freeTcpPort(), freeUdpPort(), freeUdpPort());
            Path root = Path.of(System.getProperty("mandate.it.buildDir", "target")).resolve("net-it");
            Files.createDirectories(root);
            Path dir = Files.createTempDirectory(root, target.mode() + "-");
            Path policy = Files.writeString(dir.resolve("net-it.mandate"), String.join("\n",
                    "policy \"net-it\"",
                    "default deny",
                    "agent \"" + NetEgressApp.AGENT + "\" {",
                    "  allow net connect to \"127.0.0.1:" + ports.allowedTcp() + "\", \"127.0.0.1:" + ports.allowedUdp() + "\"",
                    "  deny net connect to \"127.0.0.1:" + ports.deniedTcp() + "\", \"127.0.0.1:" + ports.deniedUdp()
                            + "\" reason \"" + REASON + "\"",
                    "}", ""));
            Path journal = dir.resolve("journal");
            JvmResult result = AgentJvm.withAgent("policy=" + policy + ",mode=" + target.mode() + ",journal=" + journal)
                    .jdk(target.home())
                    .mainClass(NetEgressApp.class)
                    .args(Integer.toString(ports.allowedTcp()), Integer.toString(ports.deniedTcp()),
                            Integer.toString(ports.allowedUdp()), Integer.toString(ports.deniedUdp()))
                    .jvmOption("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
                    .workDir(dir)
                    .run()
                    .assertSucceeded()
                    .assertStdoutEmpty()
                    .assertStderrDoesNotContain("mandate: internal error");
            assertEquals("true", result.observation("agentAttached"));
            return new Run(result, JournalEvents.read(journal), ports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void allowedTargetsAreReachedAndJournaled(Target target) {
        Run run = run(target);
        int tcp = run.ports().allowedTcp();
        int udp = run.ports().allowedUdp();
        for (String scenario : List.of("socket_allowed", "channel_allowed", "async_allowed", "datagram_socket_allowed",
                "datagram_channel_allowed")) {
            assertEquals("ok", run.result().observation(scenario), scenario);
        }
        JournalEvent byName = run.call("socket_allowed");
        assertCall(byName, target, "socket_allowed", "localhost:" + tcp, "ALLOW", ALLOW_RULE, false);
        assertEquals(List.of(new JournalEvent.Access("connect", "localhost:" + tcp),
                new JournalEvent.Access("connect", "127.0.0.1:" + tcp)), byName.accesses(),
                "the name as asked and the address connected are both decided");
        assertCall(run.call("channel_allowed"), target, "channel_allowed", "127.0.0.1:" + tcp, "ALLOW", ALLOW_RULE, false);
        assertCall(run.call("async_allowed"), target, "async_allowed", "127.0.0.1:" + tcp, "ALLOW", ALLOW_RULE, false);
        assertCall(run.call("datagram_socket_allowed"), target, "datagram_socket_allowed", "127.0.0.1:" + udp, "ALLOW",
                ALLOW_RULE, false);
        assertCall(run.call("datagram_channel_allowed"), target, "datagram_channel_allowed", "127.0.0.1:" + udp, "ALLOW",
                ALLOW_RULE, false);
        assertEquals("2", run.result().observation("allowedUdpReceived"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deniedScenarios")
    void deniedTargetIsStoppedInEnforceModeAndOnlyJournaledInAudit(Target target, String scenario) {
        Run run = run(target);
        int port = scenario.startsWith("datagram") ? run.ports().deniedUdp() : run.ports().deniedTcp();
        String resource = "127.0.0.1:" + port;
        if (target.enforce()) {
            assertEquals("denied rule=" + DENY_RULE + " reason=" + REASON + " connectException=true message=Mandate denied"
                    + " net connect to " + resource + " by rule " + DENY_RULE + ": " + REASON,
                    run.result().observation(scenario));
        } else {
            assertEquals("ok", run.result().observation(scenario));
        }
        assertCall(run.call(scenario), target, scenario, resource, "DENY", DENY_RULE, target.enforce());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void nothingDeniedLeavesInEnforceMode(Target target) {
        Run run = run(target);
        assertEquals(target.enforce() ? "0" : "5", run.result().observation("deniedTcpAccepted"));
        assertEquals(target.enforce() ? "0" : "2", run.result().observation("deniedUdpReceived"));
        if (target.enforce()) {
            assertEquals("false", run.result().observation("async_future_denied.open"),
                    "a denied asynchronous connect closes its channel, as a refused one does");
        }
    }

    private static void assertCall(JournalEvent call, Target target, String tool, String resource, String verdict,
                                   String ruleId, boolean blocked) {
        assertAll(
                () -> assertEquals("net", call.string("kind")),
                () -> assertEquals("connect", call.string("operation")),
                () -> assertEquals(resource, call.string("resource")),
                () -> assertEquals(verdict, call.string("verdict")),
                () -> assertEquals(ruleId, call.string("ruleId")),
                () -> assertEquals(blocked, call.flag("blocked")),
                () -> assertEquals(target.mode(), call.string("mode")),
                () -> assertEquals(NetEgressApp.AGENT, call.string("agent")),
                () -> assertEquals(tool, call.string("tool")));
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
