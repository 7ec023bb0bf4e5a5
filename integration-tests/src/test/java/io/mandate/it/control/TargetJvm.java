package io.mandate.it.control;

import io.mandate.it.apps.Observations;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JvmResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ControlTargetApp} running in a forked JVM, steered step by step: {@link #step} writes a
 * command, waits until the app ran it and returns what it observed. {@link #finish} ends the app
 * and returns the whole run (exit code, stderr, every observation).
 */
final class TargetJvm implements AutoCloseable {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final CompletableFuture<JvmResult> run;
    private final long pid;
    private int steps;

    private TargetJvm(Path workDir, CompletableFuture<JvmResult> run, long pid) {
        this.workDir = workDir;
        this.run = run;
        this.pid = pid;
    }

    /** Starts the app in {@code jvm} (class path and main class are set here) and waits for its pid. */
    static TargetJvm start(AgentJvm jvm, Path workDir) {
        Path commands = workDir.resolve("commands");
        try {
            Files.createDirectories(commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<JvmResult> run = CompletableFuture.supplyAsync(() -> jvm.workDir(workDir)
                .mainClass(ControlTargetApp.class)
                .appLibraries("h2")
                .args(commands.toString())
                .timeout(Duration.ofSeconds(180))
                .run());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String pid = observations(workDir).get("pid");
            if (pid != null) {
                return new TargetJvm(workDir, run, Long.parseLong(pid));
            }
            if (run.isDone()) {
                throw new AssertionError("the app ended before it started\n" + run.join().describe());
            }
            sleep();
        }
        throw new AssertionError("the app did not start within 60 s");
    }

    long pid() {
        return pid;
    }

    String pidText() {
        return Long.toString(pid);
    }

    Path workDir() {
        return workDir;
    }

    /** Runs one command in the app; returns its result observation ("ok …", "denied …", "error …"). */
    String step(String command) {
        int step = ++steps;
        Path commands = workDir.resolve("commands");
        write(commands.resolve(step + ".cmd"), command);
        Path done = commands.resolve(step + ".done");
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!Files.exists(done)) {
            if (run.isDone()) {
                throw new AssertionError("the app ended before step " + step + " (" + command + ")\n" + run.join().describe());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("step " + step + " (" + command + ") did not finish within " + STEP_TIMEOUT);
            }
            sleep();
        }
        return observations(workDir).getOrDefault(step + ".result", "(no result)");
    }

    /** An observation the last step made, such as "chain". */
    String lastStep(String key) {
        return observations(workDir).get(steps + "." + key);
    }

    /** Ends the app and returns the whole run. */
    JvmResult finish() {
        write(workDir.resolve("commands").resolve((steps + 1) + ".cmd"), "exit");
        try {
            return run.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the app did not end", e);
        }
    }

    @Override
    public void close() {
        if (!run.isDone()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static Map<String, String> observations(Path workDir) {
        try {
            Map<String, String> last = new java.util.HashMap<>();
            Observations.read(workDir.resolve("observations.txt")).forEach(entry -> last.put(entry.getKey(), entry.getValue()));
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
