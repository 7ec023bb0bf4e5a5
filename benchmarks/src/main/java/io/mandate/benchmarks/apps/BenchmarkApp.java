package io.mandate.benchmarks.apps;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.Step;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application the whole-process harness runs under each configuration (no agent, Mandate,
 * the OpenTelemetry agent): the JDBC prepared-select loop, then the other intercepted calls it was
 * given a target for (HTTP GET, file read, socket connect), each warmed up and timed in batches;
 * then startup, memory and a deny probe, all in a JSON file for the harness.
 */
public final class BenchmarkApp {
    private BenchmarkApp() {
    }

    public static void main(String[] args) throws Exception {
        // First statement on purpose: everything before it (JVM boot, agent premain) is startup.
        long mainEnteredEpochMillis = System.currentTimeMillis();
        // CPU of every JVM thread until here (JIT, GC, agent set-up): startup work that a loaded
        // machine cannot inflate the way it inflates wall time.
        long cpuAtMainMillis = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        LoopSettings settings = LoopSettings.fromArguments(args);

        TimedBatches.Series jdbc;
        Map<String, TimedBatches.Series> scenarios;
        Map<String, String> scenarioProbes;
        long checksum;
        ProcessFootprint footprint;
        DenyProbe probe;
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl())) {
            AccountsTable.recreate(connection, settings.rows());
            try (PreparedSelectLoop loop = new PreparedSelectLoop(connection, settings.rows())) {
                if (settings.insideChain()) {
                    try (Chain chain = Mandate.openChain("bench-agent", "benchmark the intercepted hot paths", "bench-user");
                         Step step = Mandate.openStep("lookup_account", Mandate.digest("id"))) {
                        jdbc = measureJdbc(loop, settings);
                        scenarios = measureScenarios(settings);
                    }
                } else {
                    jdbc = measureJdbc(loop, settings);
                    scenarios = measureScenarios(settings);
                }
                checksum = loop.checksum();
            }
            footprint = ProcessFootprint.measure();
            probe = DenyProbe.run(connection);
            scenarioProbes = probeScenarios(settings);
        }

        long jvmStartEpochMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        LoopReport report = new LoopReport(mainEnteredEpochMillis, mainEnteredEpochMillis - jvmStartEpochMillis,
                cpuAtMainMillis, settings, jdbc, scenarios, scenarioProbes, footprint, probe, attachedAgents(),
                Runtime.version().toString());
        writeAtomically(settings, report.toJson());
        System.out.printf("BenchmarkApp: %d JDBC batches, checksum %d, scenarios %s, agents %s, probe %s%n",
                jdbc.measured().size(), checksum, scenarios.keySet(), attachedAgents(), probe.outcome());
    }

    private static TimedBatches.Series measureJdbc(PreparedSelectLoop loop, LoopSettings settings) throws Exception {
        return new TimedBatches(loop, 256).measure(settings.warmupMillis(), settings.measuredBatches(),
                settings.batchMillis());
    }

    /**
     * The slower calls get fewer calls per clock read (an HTTP round trip is ~100 times a select),
     * and their own, shorter plan: their added cost is a few per cent of a much longer call, so
     * fewer batches already resolve it, and the whole run must fit the harness's time budget.
     */
    private static Map<String, TimedBatches.Series> measureScenarios(LoopSettings settings) throws Exception {
        Map<String, CallLoop> loops = new LinkedHashMap<>();
        settings.httpUrl().ifPresent(url -> loops.put("http-get", new HttpGetLoop(url)));
        settings.filePath().ifPresent(path -> loops.put("file-read", new FileReadLoop(path)));
        settings.socketAddress().ifPresent(address -> loops.put("socket-connect", new SocketConnectLoop(address)));
        Map<String, TimedBatches.Series> results = new LinkedHashMap<>();
        for (Map.Entry<String, CallLoop> scenario : loops.entrySet()) {
            results.put(scenario.getKey(), new TimedBatches(scenario.getValue(), 16).measure(
                    settings.scenarioWarmupMillis(), settings.scenarioWarmupCalls(), settings.scenarioWarmupMaxMillis(),
                    settings.scenarioBatches(),
                    settings.scenarioBatchMillis()));
        }
        return results;
    }

    /**
     * The denied twin of every scenario: the same call against a path beside the allowed target
     * that the benchmark policy does not allow. A socket connect has none: the policy allows the
     * loopback acceptor on any port, since its port is only known at run time.
     */
    private static Map<String, String> probeScenarios(LoopSettings settings) {
        Map<String, String> probes = new LinkedHashMap<>();
        settings.httpUrl().ifPresent(url -> probes.put("http-get",
                ScenarioProbe.run(new HttpGetLoop(url.replace("/ping", "/denied")))));
        settings.filePath().ifPresent(path -> probes.put("file-read",
                ScenarioProbe.run(new FileReadLoop(path.replace("/bench-files/", "/bench-denied/")))));
        return probes;
    }

    /** Which agents really serve this JVM: a flag on the command line proves nothing. */
    private static List<String> attachedAgents() {
        List<String> agents = new ArrayList<>();
        if (Mandate.agentAttached()) {
            agents.add("mandate");
        }
        try {
            Class.forName("io.opentelemetry.javaagent.bootstrap.AgentInitializer", false, null);
            agents.add("opentelemetry");
        } catch (ClassNotFoundException e) {
            // not attached
        }
        return agents;
    }

    /** The harness reads the file once the JVM exits; a half-written file must never be seen. */
    private static void writeAtomically(LoopSettings settings, String json) throws IOException {
        var target = settings.resultFile();
        var partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, json);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
