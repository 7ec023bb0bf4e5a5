package io.mandate.it.process;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.PolicyDenial;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An agent's tool calls that launch processes through every JDK entry point: ProcessBuilder.start,
 * Runtime.exec (array and single string) and ProcessBuilder.startPipeline. Each runs in a chain of
 * its own and records its outcome and chain id; whether a denied program really did not run is
 * recorded too (the {@code env touch} launch would create a marker file).
 *
 * Arguments: markerFile
 */
public final class ProcessLaunchApp {
    static final String AGENT = "ops-bot";
    static final String SECRET = "s3cr3t-token-value";

    private ProcessLaunchApp() {
    }

    public static void main(String[] args) throws Exception {
        Path marker = Path.of(args[0]);
        Observations.record("agentAttached", Mandate.agentAttached());

        scenario("builder", "greet", () -> {
            Process process = new ProcessBuilder("/bin/echo", "hello", "--token=" + SECRET).start();
            return finished(process);
        });
        scenario("runtime_array", "touch_marker", () ->
                finished(Runtime.getRuntime().exec(new String[] {"/usr/bin/env", "touch", marker.toString()})));
        Observations.record("marker.exists", Files.exists(marker));
        scenario("runtime_string", "shell", () -> finished(Runtime.getRuntime().exec("sh -c true")));
        scenario("pipeline", "pipe", () -> {
            List<Process> stages = ProcessBuilder.startPipeline(List.of(
                    new ProcessBuilder("/bin/echo", "piped"), new ProcessBuilder("sh", "-c", "cat")));
            return finished(stages.get(stages.size() - 1));
        });
    }

    private interface Launch {
        String run() throws IOException, InterruptedException;
    }

    private static void scenario(String name, String tool, Launch launch) throws InterruptedException {
        try (Chain chain = Mandate.openChain(AGENT, "run " + name, "ops");
             Step step = Mandate.openStep(tool, Mandate.digest(name))) {
            Observations.record(name + ".chain", chain.id());
            String outcome;
            try {
                outcome = launch.run();
            } catch (IOException e) {
                outcome = describe(e);
            }
            Observations.record(name, outcome);
        }
    }

    private static String finished(Process process) throws IOException, InterruptedException {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out";
        }
        return "ok exit=" + process.exitValue() + " out=" + out;
    }

    private static String describe(IOException e) {
        if (e instanceof PolicyDenial denial) {
            return "denied rule=" + denial.ruleId() + " reason=" + denial.reason() + " message=" + e.getMessage();
        }
        return "failed " + e;
    }
}
