package io.mandate.benchmarks.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mandate.benchmarks.apps.RevocationProbeApp;

/**
 * A forked {@link RevocationProbeApp}: its stdin takes commands, its stdout lines are read back;
 * stderr goes to a file (the agent's startup line, and the JDK's warnings). Destroyed on close.
 */
final class ProbeJvm implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader replies;

    private ProbeJvm(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts the probe app on {@code java}; {@code agentArguments} null starts it without the agent.
     * Returns once it printed {@code ready}.
     */
    static ProbeJvm start(Path java, Path agentJar, String agentArguments, List<String> jvmOptions, String classPath,
                          Path stderr) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        if (agentArguments != null) {
            command.add("-javaagent:" + agentJar + "=" + agentArguments);
        }
        command.add("-cp");
        command.add(classPath);
        command.add(RevocationProbeApp.class.getName());
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        ProbeJvm probe = new ProbeJvm(process);
        probe.expect("ready");
        return probe;
    }

    long pid() {
        return process.pid();
    }

    void send(String command) {
        commands.println(command);
    }

    /** The next line, which must start with {@code word}; the rest after the word. */
    String expect(String word) throws IOException {
        String line = replies.readLine();
        if (line == null || !line.startsWith(word)) {
            throw new IllegalStateException("the probe app said " + line + " instead of " + word
                    + (line == null ? " (it ended; see its stderr file)" : ""));
        }
        return line.substring(word.length()).trim();
    }

    @Override
    public void close() throws InterruptedException {
        commands.println("exit");
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
