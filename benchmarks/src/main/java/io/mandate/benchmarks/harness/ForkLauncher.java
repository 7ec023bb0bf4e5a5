package io.mandate.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts one JVM for one configuration and collects what it measured. The fork's output goes to a
 * log file, never through the harness, so the harness does no work while the fork is measuring.
 */
final class ForkLauncher {
    private static final String APP_MAIN = "io.mandate.benchmarks.apps.BenchmarkApp";
    /** Headroom over the planned run time for JVM start (the OpenTelemetry agent takes seconds) and table setup. */
    private static final long STARTUP_AND_SETUP_ALLOWANCE_MILLIS = 90_000;

    private final HarnessOptions options;
    private final LoopbackTargets targets;
    private final Path forksDirectory;
    private final ObjectMapper json = new ObjectMapper();

    /** @param targets the loopback peers of the scenarios; null when no scenario is measured */
    ForkLauncher(HarnessOptions options, LoopbackTargets targets) throws IOException {
        this.options = options;
        this.targets = targets;
        this.forksDirectory = Files.createDirectories(options.outputDirectory().resolve("harness-forks"));
    }

    ForkOutcome run(Configuration configuration, int round) throws IOException, InterruptedException {
        Path forkDirectory = Files.createDirectories(forksDirectory.resolve("round" + round + "-" + configuration.id()));
        Path journal = forkDirectory.resolve("journal");
        deleteRecursively(journal);
        Path resultFile = forkDirectory.resolve("result.json");
        Files.deleteIfExists(resultFile);
        Path log = forkDirectory.resolve("output.log");

        ProcessBuilder builder = new ProcessBuilder(command(configuration, journal, resultFile))
                .directory(forkDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long launchEpochMillis = System.currentTimeMillis();
        Process process = builder.start();
        // The app may stretch warm-up to three times the plan when the JIT has not settled, and a
        // scenario's warm-up to its own limit.
        long plannedMillis = options.warmupMillis() * 3 + options.batches() * options.batchMillis() * 2
                + (Math.max(options.scenarioWarmupMillis() * 3, options.scenarioWarmupMaxMillis())
                + options.scenarioBatches() * options.scenarioBatchMillis() * 2) * options.scenarios().size();
        boolean exited = process.waitFor(plannedMillis + STARTUP_AND_SETUP_ALLOWANCE_MILLIS, TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        // The journal is only evidence that the agent wrote; keeping every fork's would fill the disk.
        boolean journalWritten = Files.isDirectory(journal) && hasFiles(journal);
        deleteRecursively(journal);

        if (!exited) {
            return failed(configuration, round, launchEpochMillis, "timed out", log);
        }
        if (process.exitValue() != 0) {
            return failed(configuration, round, launchEpochMillis, "exit code " + process.exitValue(), log);
        }
        if (!Files.isRegularFile(resultFile)) {
            return failed(configuration, round, launchEpochMillis, "no result file", log);
        }
        LoopResult result = json.readValue(resultFile.toFile(), LoopResult.class);
        String problem = verify(configuration, result, journalWritten);
        return new ForkOutcome(configuration, round, launchEpochMillis, result, problem, log);
    }

    private List<String> command(Configuration configuration, Path journal, Path resultFile) {
        List<String> command = new ArrayList<>();
        options.niceness().ifPresent(n -> command.addAll(List.of("nice", "-n", Integer.toString(n))));
        command.add(options.javaExecutable().toString());
        command.add("-Xms" + options.heapSize());
        command.add("-Xmx" + options.heapSize());
        command.addAll(options.extraJvmArguments());
        for (String flag : configuration.agentJvmFlags()) {
            command.add(flag.replace(Configuration.JOURNAL_DIR, journal.toString()));
        }
        command.add("-cp");
        command.add(options.appClassPath());
        command.add(APP_MAIN);
        String jdbcUrl = configuration.database() == Database.POSTGRESQL
                ? options.postgresUrl().orElseThrow()
                : "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
        command.addAll(List.of(
                "--jdbc-url", jdbcUrl,
                "--inside-chain", Boolean.toString(configuration.insideChain()),
                "--warmup-millis", Long.toString(options.warmupMillis()),
                "--batches", Integer.toString(options.batches()),
                "--batch-millis", Long.toString(options.batchMillis()),
                "--result", resultFile.toString()));
        // Scenarios run in the H2 forks only: a PostgreSQL fork exists to measure the database call.
        if (targets != null && configuration.database() == Database.H2_IN_MEMORY) {
            for (Scenario scenario : options.scenarios()) {
                switch (scenario) {
                    case HTTP_GET -> command.addAll(List.of("--http-url", targets.httpUrl()));
                    case FILE_READ -> command.addAll(List.of("--file", targets.file().toString()));
                    case SOCKET_CONNECT -> command.addAll(List.of("--socket", targets.socketAddress()));
                }
            }
            command.addAll(List.of(
                    "--scenario-warmup-millis", Long.toString(options.scenarioWarmupMillis()),
                    "--scenario-warmup-calls", Long.toString(options.scenarioWarmupCalls()),
                    "--scenario-warmup-max-millis", Long.toString(options.scenarioWarmupMaxMillis()),
                    "--scenario-batches", Integer.toString(options.scenarioBatches()),
                    "--scenario-batch-millis", Long.toString(options.scenarioBatchMillis())));
        }
        return command;
    }

    /** A fork only counts when the configuration it claims is the one that ran. */
    private static String verify(Configuration configuration, LoopResult result, boolean journalWritten) {
        String expected = configuration.agent().reportedName();
        if (!expected.isEmpty() && !result.attachedAgents().contains(expected)) {
            return "agent " + expected + " did not attach (the app saw " + result.attachedAgents() + ")";
        }
        if (configuration.isBaseline() && !result.attachedAgents().isEmpty()) {
            return "an agent served the no-agent run: " + result.attachedAgents();
        }
        if (configuration.expectsDenial() && !result.denyProbe().denied()) {
            return "enforce mode let the deny probe reach the driver (" + result.denyProbe().sqlState() + ")";
        }
        if (configuration.agent() == AgentUnderTest.MANDATE && !journalWritten) {
            return "the Mandate journal directory stayed empty";
        }
        return "";
    }

    private static ForkOutcome failed(Configuration configuration, int round, long launch, String why, Path log) {
        return new ForkOutcome(configuration, round, launch, null, why + " (see " + log + ")", log);
    }

    private static boolean hasFiles(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
