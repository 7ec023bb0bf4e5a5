package io.mandate.agent.instrumentation.executors;

import io.mandate.api.MandateContext;
import io.mandate.bootstrap.ContextHolder;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The executors module against the real JDK classes, in a forked JVM laid out like the agent's:
 * the bridge (and the API it implements) on the boot class path, the module and Byte Buddy on the
 * application class path, java.util.concurrent retransformed after pools already exist. Runs
 * {@link PropagationProbe} on JDK 17 (the build JDK) and on Temurin 25 (virtual threads, the
 * JDK 19+ fork-join pool) and checks what each task saw.
 *
 * The fork-join common pool gets parallelism 3, as on any machine with 4 cores or more; with less,
 * CompletableFuture falls back to a thread per task, which the "thread.new" case covers.
 */
class ExecutorPropagationTest {
    private static final Path TEMURIN_25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");

    private static Map<String, String> expectedOnEveryJdk() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("early-pool.execute", "A@1");
        expected.put("early-forkjoin.execute", "A@1");
        expected.put("tpe.execute", "A@1");
        expected.put("tpe.submit", "A@1");
        expected.put("tpe.invokeAll", "A@1");
        expected.put("tpe.invokeAny", "A@1");
        expected.put("tpe.outside", "none");
        expected.put("tpe.delegated", "C@2");
        expected.put("single.submit", "A@1");
        expected.put("single.after-chain-task", "none");
        expected.put("stpe.schedule-runnable", "A@1");
        expected.put("stpe.schedule-callable", "A@1");
        expected.put("stpe.execute", "A@1");
        expected.put("stpe.fixed-rate", "A@1,A@1,A@1");
        expected.put("stpe.outside", "none");
        expected.put("fjp.execute-runnable", "A@1");
        expected.put("fjp.submit-callable", "A@1");
        expected.put("fjp.invokeAll", "A@1");
        expected.put("fjp.invoke-recursive", "A@1");
        expected.put("fjp.outside-recursive", "none");
        expected.put("common.fork", "A@1");
        expected.put("parallel-stream", "A@1");
        expected.put("fjp.task-as-runnable", "true:A@1");
        expected.put("cf.supplyAsync-default", "A@1");
        expected.put("cf.supplyAsync-forkjoin", "A@1");
        expected.put("cf.runAsync-executor", "A@1");
        expected.put("cf.thenApplyAsync-chain", "A@1>A@1>A@1>A@1");
        expected.put("cf.outside", "none");
        expected.put("cf.sync-stage-completed-elsewhere", "A@1");
        expected.put("cf.async-stage-completed-elsewhere", "A@1,A@1");
        expected.put("cf.combined-stage-completed-elsewhere", "A@1,A@1");
        expected.put("cf.composed-in-delegated-chain", "C@2>C@2");
        expected.put("thread.new", "A@1");
        expected.put("stale.tpe-outside", "none");
        expected.put("stale.tpe-execute-outside", "none");
        expected.put("stale.tpe-chain", "A@1");
        expected.put("stale.fjp-outside", "none");
        expected.put("stale.fjp-chain", "A@1");
        expected.put("tpe.remove", "true");
        expected.put("tpe.purge", "1");
        expected.put("tpe.shutdownNow", "1:true");
        expected.put("exception.callable", "true");
        expected.put("exception.forkjoin", "true");
        expected.put("exception.context-restored", "none");
        expected.put("priority.natural-order", "high:A@1,mid:A@1,low:A@1");
        expected.put("priority.comparator", "high:none,mid:none,low:none");
        expected.put("uninstalled.tpe", "B@1");
        return expected;
    }

    @Test
    void contextFollowsTasksOnJdk17() throws Exception {
        assumeTrue(Runtime.version().feature() == 17, "the build JDK is 17");
        assertEquals(expectedOnEveryJdk(), run(Paths.get(System.getProperty("java.home"))));
    }

    @Test
    void contextFollowsTasksAndVirtualThreadsOnJdk25() throws Exception {
        assumeTrue(TEMURIN_25.resolve("bin/java").toFile().canExecute(), "Temurin 25 is installed at " + TEMURIN_25);
        Map<String, String> expected = expectedOnEveryJdk();
        expected.put("virtual.start", "A@1");
        expected.put("virtual.executor", "A@1");
        expected.put("virtual.executor-outside", "none");
        expected.put("virtual.park-resume", "A@1");
        expected.put("fjp.schedule-callable", "A@1");
        expected.put("fjp.schedule-runnable", "A@1");
        expected.put("fjp.schedule-outside", "none");
        Map<String, String> seen = run(TEMURIN_25);
        assertEquals(sorted(expected), sorted(seen));
    }

    private static Map<String, String> sorted(Map<String, String> results) {
        return new java.util.TreeMap<>(results);
    }

    /** Forks the probe on the JDK at {@code javaHome}; returns scenario → what the task saw. */
    private static Map<String, String> run(Path javaHome) throws IOException, InterruptedException, URISyntaxException {
        String bootClassPath = location(ContextHolder.class) + File.pathSeparator + location(MandateContext.class);
        List<String> command = new ArrayList<>(List.of(
                javaHome.resolve("bin/java").toString(),
                "-javaagent:" + location(ByteBuddyAgent.class),
                "-Xbootclasspath/a:" + bootClassPath,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=3",
                "-cp", applicationClassPath(),
                PropagationProbe.class.getName()));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = probe.getInputStream().readAllBytes();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, probe.exitValue(), text);
        Map<String, String> results = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("RESULT ")) {
                String[] parts = line.split(" ", 3);
                results.put(parts[1], parts[2]);
            } else if (!line.isBlank()) {
                other.add(line);
            }
        }
        // Byte Buddy reports transformation errors here; the JVM warns about a self-attached agent on 21+.
        assertEquals(List.of(), other.stream().filter(line -> !line.contains("WARNING")).toList(), text);
        return results;
    }

    /** The test class path without the bridge and the API, which the probe must get from the boot loader. */
    private static String applicationClassPath() throws URISyntaxException {
        String bridge = location(ContextHolder.class);
        String api = location(MandateContext.class);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(Pattern.quote(File.pathSeparator))) {
            String absolute = Paths.get(entry).toAbsolutePath().normalize().toString();
            if (!absolute.equals(bridge) && !absolute.equals(api)) {
                entries.add(absolute);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize()
                .toString();
    }
}
