package io.mandate.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.mandate.it.apps.Observations;

/** What a forked JVM did: exit code, both output streams, and the observations its app recorded. */
public final class JvmResult {
    private final List<String> command;
    private final Path workDir;
    private final int exitCode;
    private final String stdout;
    private final String stderr;
    private final List<Map.Entry<String, String>> observations;
    private final Duration elapsed;

    JvmResult(List<String> command, Path workDir, int exitCode, String stdout, String stderr,
              Path observationsFile, Duration elapsed) {
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
        this.elapsed = elapsed;
        try {
            this.observations = Observations.read(observationsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process exit code, -1 when it was killed on timeout. */
    public int exitCode() {
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    public List<String> stderrLines() {
        return stderr.lines().toList();
    }

    public Path workDir() {
        return workDir;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public List<String> command() {
        return command;
    }

    /** Every value recorded under {@code key}, in order. */
    public List<String> observations(String key) {
        return observations.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    /** The single value recorded under {@code key}; fails (with the whole run described) when absent or repeated. */
    public String observation(String key) {
        List<String> values = observations(key);
        if (values.size() != 1) {
            throw new AssertionError("expected exactly one observation '" + key + "', got " + values + "\n" + describe());
        }
        return values.get(0);
    }

    public Optional<String> findObservation(String key) {
        List<String> values = observations(key);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** All observations, in the order the app recorded them. */
    public List<Map.Entry<String, String>> observations() {
        return observations;
    }

    public JvmResult assertExitCode(int expected) {
        if (exitCode != expected) {
            throw new AssertionError("expected exit code " + expected + " but was " + exitCode + "\n" + describe());
        }
        return this;
    }

    /** Exit code 0. */
    public JvmResult assertSucceeded() {
        return assertExitCode(0);
    }

    /** The agent must never write to the application's stdout. */
    public JvmResult assertStdoutEmpty() {
        if (!stdout.isEmpty()) {
            throw new AssertionError("expected an empty stdout\n" + describe());
        }
        return this;
    }

    public JvmResult assertStderrContains(String text) {
        if (!stderr.contains(text)) {
            throw new AssertionError("expected stderr to contain '" + text + "'\n" + describe());
        }
        return this;
    }

    public JvmResult assertStderrDoesNotContain(String text) {
        if (stderr.contains(text)) {
            throw new AssertionError("expected stderr NOT to contain '" + text + "'\n" + describe());
        }
        return this;
    }

    /** Everything needed to understand a failure without re-running it. */
    public String describe() {
        return "command: " + String.join(" ", command)
                + "\nwork dir: " + workDir
                + "\nexit code: " + exitCode + " after " + elapsed.toMillis() + " ms"
                + "\n--- stdout ---\n" + stdout
                + "\n--- stderr ---\n" + stderr
                + "\n--- observations ---\n" + observations.stream()
                        .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return "JvmResult{exit=" + exitCode + ", elapsed=" + elapsed.toMillis() + "ms, workDir=" + workDir + "}";
    }
}
