package io.mandate.benchmarks.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.mandate.benchmarks.harness.AppClassPath;
import io.mandate.control.ControlConnection;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import io.mandate.control.ControlSockets;

/**
 * How fast a revoke takes effect, end to end, on a JVM running the packaged agent:
 *
 * <ol>
 *   <li><b>control channel</b>: the probe app makes a decided JDBC call every 50-80 µs inside a chain;
 *       this JVM connects to the agent's socket and writes {@code revoke --chain}; the latency is
 *       from just before the connect to the first denied call in the app (both stamps are
 *       {@code System.nanoTime()}, the machine's monotonic clock, so they compare across the two
 *       JVMs). The app's pause between calls bounds the resolution.</li>
 *   <li><b>in-process</b>: {@code Mandate.revokeChain} in the app, and whether the very next call
 *       is denied (it must always be).</li>
 *   <li><b>{@code bin/mandate revoke}</b>: the same as 1 through the real command, so including the
 *       CLI JVM's start; a handful of runs.</li>
 * </ol>
 *
 * Run from the repository root after building the agent, the CLI and this module:
 * {@code java -cp benchmarks/target/benchmarks.jar io.mandate.benchmarks.control.RevocationLatency}
 * [--revokes N] [--warmup N] [--cli-revokes N] [--mode enforce|audit] [--java PATH].
 */
public final class RevocationLatency {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom NONCES = new SecureRandom();
    static final String POLICY = String.join("\n",
            "policy \"revocation-bench\"",
            "default deny",
            "agent \"*\" {",
            "  allow jdbc * on revocation_probe",
            "}",
            "");

    private RevocationLatency() {
    }

    public static void main(String[] args) throws Exception {
        int revokes = 1000;
        int warmup = 200;
        int cliRevokes = 5;
        String mode = "enforce";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--revokes" -> revokes = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--cli-revokes" -> cliRevokes = Integer.parseInt(args[++i]);
                case "--mode" -> mode = args[++i];
                case "--java" -> java = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: RevocationLatency [--revokes N] [--warmup N] [--cli-revokes N] "
                            + "[--mode enforce|audit] [--java PATH]");
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory("mandate-revocation-bench");
        Path policy = Files.writeString(work.resolve("revocation-bench.mandate"), POLICY);
        String agentArguments = "policy=" + policy + ",mode=" + mode + ",journal=" + work.resolve("journal")
                + ",agent=revocation-bench";
        System.out.printf("revocation latency: %s, mode %s, %d revokes after %d warm-up, load average %s%n",
                java, mode, revokes, warmup, Files.readString(Path.of("/proc/loadavg")).trim());
        try (ProbeJvm app = ProbeJvm.start(java, Path.of("agent/target/mandate-agent.jar").toAbsolutePath(),
                agentArguments, List.of("-Xmx256m"), AppClassPath.of(Path.of("benchmarks/target")),
                work.resolve("probe-stderr.txt"))) {
            Path socket = awaitSocket(app.pid());
            for (int i = 0; i < warmup; i++) {
                revokeOverSocket(app, socket);
            }
            long[] toDenial = new long[revokes];
            long[] toReply = new long[revokes];
            long calls = 0;
            for (int i = 0; i < revokes; i++) {
                long[] measured = revokeOverSocket(app, socket);
                toDenial[i] = measured[0];
                toReply[i] = measured[1];
                calls += measured[2];
            }
            System.out.println("control channel, revoke written -> first denied call: "
                    + new LatencySample(toDenial, revokes).describeMillis());
            System.out.println("control channel, revoke written -> agent's reply read: "
                    + new LatencySample(toReply, revokes).describeMillis());
            System.out.printf("  (%.1f decided calls per revoke on average before the denial)%n", calls / (double) revokes);

            app.send("inprocess " + Math.max(revokes, 1000));
            String[] inProcess = app.expect("inprocess").split(" ");
            System.out.printf("in-process Mandate.revokeChain call: p50 %.3f µs, p99 %.3f µs, max %.3f µs; "
                            + "next call not denied: %s of %d%n", Long.parseLong(inProcess[0]) / 1e3,
                    Long.parseLong(inProcess[1]) / 1e3, Long.parseLong(inProcess[2]) / 1e3, inProcess[3],
                    Math.max(revokes, 1000));

            if (cliRevokes > 0) {
                long[] cli = new long[cliRevokes];
                for (int i = 0; i < cliRevokes; i++) {
                    cli[i] = revokeWithCli(app, java);
                }
                System.out.println("bin/mandate revoke (CLI JVM start included) -> first denied call: "
                        + new LatencySample(cli, cliRevokes).describeMillis());
            }
        }
    }

    /** Returns {revoke → denial ns, revoke → reply ns, calls made in the chain}. */
    private static long[] revokeOverSocket(ProbeJvm app, Path socket) throws IOException, InterruptedException {
        app.send("chain");
        String chain = app.expect("chain");
        pauseWhileTheAppCalls();
        long start = System.nanoTime();
        ControlMessage reply;
        try (ControlConnection connection = ControlConnection.open(socket)) {
            reply = connection.exchange(revoke(app.pid(), chain), REPLY_TIMEOUT);
        }
        long replied = System.nanoTime();
        if (!Boolean.parseBoolean(reply.get(ControlProtocol.OK))) {
            throw new IllegalStateException("the agent refused the revoke: " + reply.get(ControlProtocol.MESSAGE));
        }
        String[] denied = app.expect("denied").split(" ");
        return new long[] {Long.parseLong(denied[0]) - start, replied - start, Long.parseLong(denied[1])};
    }

    private static long revokeWithCli(ProbeJvm app, Path java) throws IOException, InterruptedException {
        app.send("chain");
        String chain = app.expect("chain");
        pauseWhileTheAppCalls();
        ProcessBuilder cli = new ProcessBuilder("bin/mandate", "revoke", Long.toString(app.pid()), "--chain", chain)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        cli.environment().put("JAVA_HOME", java.getParent().getParent().toString());
        long start = System.nanoTime();
        Process process = cli.start();
        String[] denied = app.expect("denied").split(" ");
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("bin/mandate revoke failed");
        }
        return Long.parseLong(denied[0]) - start;
    }

    /** A random 1–3 ms, asleep: the app is in its call loop, and revokes do not fall in step with anything periodic. */
    private static void pauseWhileTheAppCalls() throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(1, 4));
    }

    /** The same fields {@code mandate revoke} sends: addressed to the pid, fresh, unsigned (a revoke narrows). */
    private static ControlMessage revoke(long pid, String chain) {
        byte[] nonce = new byte[16];
        NONCES.nextBytes(nonce);
        return ControlMessage.builder()
                .put(ControlProtocol.COMMAND, ControlProtocol.REVOKE)
                .put(ControlProtocol.TARGET_PID, pid)
                .put(ControlProtocol.NONCE, HexFormat.of().formatHex(nonce))
                .put(ControlProtocol.ISSUED_AT_MILLIS, System.currentTimeMillis())
                .put(ControlProtocol.SENDER_PID, ProcessHandle.current().pid())
                .put(ControlProtocol.CHAIN, chain)
                .put(ControlProtocol.REASON, "revocation latency benchmark")
                .build();
    }

    static Path awaitSocket(long pid) throws InterruptedException {
        Path socket = ControlSockets.forCurrentUser().socketOf(pid);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no control socket " + socket + " within 30 s");
            }
            Thread.sleep(5);
        }
        return socket;
    }
}
