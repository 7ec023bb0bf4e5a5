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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The application the whole-process harness runs under each configuration (no agent, Mandate,
 * the OpenTelemetry agent): warm up a prepared-select loop, time it in batches, then record
 * startup, memory and a deny probe in a JSON file for the harness.
 */
public final class JdbcLoopApp {
    private static final int MAX_WARMUP_STRETCH = 3;

    private JdbcLoopApp() {
    }

    public static void main(String[] args) throws Exception {
        // First statement on purpose: everything before it (JVM boot, agent premain) is startup.
        long mainEnteredEpochMillis = System.currentTimeMillis();
        // CPU of every JVM thread until here (JIT, GC, agent set-up): startup work that a loaded
        // machine cannot inflate the way it inflates wall time.
        long cpuAtMainMillis = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        LoopSettings settings = LoopSettings.fromArguments(args);

        List<Double> warmupNanosPerCall = new ArrayList<>();
        List<BatchTiming> measured = new ArrayList<>();
        long checksum;
        ProcessFootprint footprint;
        DenyProbe probe;
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl())) {
            AccountsTable.recreate(connection, settings.rows());
            try (PreparedSelectLoop loop = new PreparedSelectLoop(connection, settings.rows())) {
                if (settings.insideChain()) {
                    try (Chain chain = Mandate.openChain("bench-agent", "benchmark the JDBC hot path", "bench-user");
                         Step step = Mandate.openStep("lookup_account", Mandate.digest("id"))) {
                        runBatches(loop, settings, warmupNanosPerCall, measured);
                    }
                } else {
                    runBatches(loop, settings, warmupNanosPerCall, measured);
                }
                checksum = loop.checksum();
            }
            footprint = ProcessFootprint.measure();
            probe = DenyProbe.run(connection);
        }

        long jvmStartEpochMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        LoopReport report = new LoopReport(mainEnteredEpochMillis, mainEnteredEpochMillis - jvmStartEpochMillis,
                cpuAtMainMillis, settings, warmupNanosPerCall, measured, footprint, probe, attachedAgents(),
                Runtime.version().toString());
        writeAtomically(settings, report.toJson());
        System.out.printf("JdbcLoopApp: %d batches, checksum %d, agents %s, probe %s%n",
                measured.size(), checksum, attachedAgents(), probe.outcome());
    }

    /**
     * Warm-up lasts the planned time and then, if batches are still getting faster (a heavy agent
     * can keep the JIT busy for longer), up to three times that until it settles: measuring a
     * half-compiled agent would charge it for compile time the user pays once.
     */
    private static void runBatches(PreparedSelectLoop loop, LoopSettings settings,
                                   List<Double> warmup, List<BatchTiming> measured) throws SQLException {
        long warmupStart = System.nanoTime();
        long planned = settings.warmupMillis() * 1_000_000L;
        long batchMillis = Math.min(settings.batchMillis(), Math.max(1, settings.warmupMillis()));
        while (true) {
            long elapsed = System.nanoTime() - warmupStart;
            if (elapsed >= planned * MAX_WARMUP_STRETCH || (elapsed >= planned && WarmupSettling.settled(warmup))) {
                break;
            }
            warmup.add(loop.runBatch(batchMillis).wallNanosPerCall());
        }
        for (int i = 0; i < settings.measuredBatches(); i++) {
            measured.add(loop.runBatch(settings.batchMillis()));
        }
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
