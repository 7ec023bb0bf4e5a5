package io.mandate.benchmarks.control;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mandate.benchmarks.harness.AppClassPath;

/**
 * How long {@code bin/mandate attach} takes on a running JVM: each round forks a fresh probe app
 * without the agent (it holds an open H2 connection and has loaded JDBC, like a real app), waits
 * until it is idle (its own start compiled), runs the
 * real command and reads back what it reports, "attached to process N in M ms" (from the CLI's
 * first statement to the agent's status answering over its control channel: the attach handshake,
 * the agent's start with its retransformation of loaded classes, the channel opening), and the
 * command's whole wall time (which adds the CLI JVM's own start).
 *
 * Run from the repository root after building the agent, the CLI and this module:
 * {@code java -cp benchmarks/target/benchmarks.jar io.mandate.benchmarks.control.AttachTime}
 * [--rounds N] [--java PATH]... (default: this JVM, and Temurin 25 when installed).
 */
public final class AttachTime {
    private static final Pattern REPORTED = Pattern.compile("attached to process \\d+ in (\\d+) ms");

    private AttachTime() {
    }

    /**
     * Waits until the app has settled (its JIT done with its own start: under 10 ms of CPU in a
     * quarter second), at most 10 s: "a running JVM" is one past its start, and an attach measured
     * while the app still compiles its own start-up would charge that to the agent.
     */
    private static void awaitIdle(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long previous = cpuNanos(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            long now = cpuNanos(pid);
            if (now - previous < TimeUnit.MILLISECONDS.toNanos(10)) {
                return;
            }
            previous = now;
        }
    }

    /**
     * CPU time of every thread of {@code pid} so far: unlike wall time, what the attach costs the
     * target does not grow with the other work sharing the machine.
     */
    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .map(java.time.Duration::toNanos).orElse(0L);
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        List<Path> javas = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--java" -> javas.add(Path.of(args[++i]));
                default -> {
                    System.err.println("usage: AttachTime [--rounds N] [--java PATH]...");
                    System.exit(2);
                }
            }
        }
        if (javas.isEmpty()) {
            javas.add(Path.of(System.getProperty("java.home"), "bin", "java"));
            Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
            if (Files.isExecutable(temurin25)) {
                javas.add(temurin25);
            }
        }
        Path work = Files.createTempDirectory("mandate-attach-bench");
        Path policy = Files.writeString(work.resolve("revocation-bench.mandate"), RevocationLatency.POLICY);
        System.out.printf("attach time: %d rounds per JDK, load average %s%n", rounds,
                Files.readString(Path.of("/proc/loadavg")).trim());
        for (Path java : javas) {
            long[] reported = new long[rounds];
            long[] wall = new long[rounds];
            long[] cpu = new long[rounds];
            for (int round = 0; round < rounds; round++) {
                Path journal = work.resolve("journal-" + javas.indexOf(java) + "-" + round);
                try (ProbeJvm app = ProbeJvm.start(java, null, null, List.of("-Xmx256m", "-XX:+EnableDynamicAgentLoading"),
                        AppClassPath.of(Path.of("benchmarks/target")), work.resolve("probe-stderr-" + round + ".txt"))) {
                    Path out = work.resolve("attach-" + round + ".txt");
                    ProcessBuilder cli = new ProcessBuilder("bin/mandate", "attach", Long.toString(app.pid()),
                            "--policy", policy.toString(), "--mode", "enforce", "--journal", journal.toString())
                            .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
                    awaitIdle(app.pid());
                    long cpuBefore = cpuNanos(app.pid());
                    long start = System.nanoTime();
                    Process process = cli.start();
                    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                        throw new IllegalStateException("bin/mandate attach failed: " + Files.readString(out));
                    }
                    wall[round] = System.nanoTime() - start;
                    cpu[round] = cpuNanos(app.pid()) - cpuBefore;
                    Matcher matcher = REPORTED.matcher(Files.readString(out, StandardCharsets.UTF_8));
                    if (!matcher.find()) {
                        throw new IllegalStateException("unexpected output: " + Files.readString(out));
                    }
                    reported[round] = Long.parseLong(matcher.group(1)) * 1_000_000L;
                }
            }
            System.out.println(java + ": attach reported by the CLI " + new LatencySample(reported, rounds).describeMillis()
                    + "; whole command with the CLI JVM's start " + new LatencySample(wall, rounds).describeMillis()
                    + "; CPU the target spent on it (all its threads) " + new LatencySample(cpu, rounds).describeMillis());
        }
    }
}
