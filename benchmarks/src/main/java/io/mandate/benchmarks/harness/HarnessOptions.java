package io.mandate.benchmarks.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the harness was asked to run. Paths default to the repository layout, relative to the
 * working directory ({@code benchmarks/run} starts the harness from the repository root).
 */
record HarnessOptions(
        boolean quick,
        int rounds,
        long warmupMillis,
        int batches,
        long batchMillis,
        Path javaExecutable,
        Path mandateAgent,
        Path openTelemetryAgent,
        Path policy,
        String appClassPath,
        Path outputDirectory,
        Optional<String> postgresUrl,
        String heapSize,
        Optional<Integer> niceness,
        List<String> onlyConfigurations,
        List<String> extraJvmArguments,
        List<Scenario> scenarios,
        long scenarioWarmupMillis,
        /**
         * Calls every scenario makes before it is measured, whatever the planned time: in the full
         * run past HotSpot's tier-4 thresholds (15,000 invocations), so the JIT has compiled the
         * call's path, the application's and the agent's, as in a long-running service (an HTTP
         * round trip needs about 4 s for that; after the 1 s planned its agents' advice still ran
         * in C1 code); --quick stops at 6,000 to stay in its budget, so its HTTP rows are less settled.
         */
        long scenarioWarmupCalls,
        /**
         * The longest a scenario's warm-up may run to settle (see io.mandate.benchmarks.apps.WarmupSettling):
         * the full run lets the HTTP round trip reach the JIT's steady state (8 to 15 s after its first
         * call on these machines); --quick keeps to its budget and measures it less settled.
         */
        long scenarioWarmupMaxMillis,
        int scenarioBatches,
        long scenarioBatchMillis) {

    static final String USAGE = """
            usage: Harness [--quick] [--rounds N] [--warmup-ms N] [--batches N] [--batch-ms N]
                           [--java PATH/bin/java] [--mandate-agent JAR] [--otel-agent JAR]
                           [--policy FILE] [--app-classpath CP] [--out DIR]
                           [--postgres-url jdbc:postgresql://127.0.0.1:5432/db?user=..&password=..]
                           [--only id,id,...] [--heap SIZE] [--nice N] [--jvm-arg ARG]...
                           [--scenarios http-get,file-read,socket-connect|none]
                           [--scenario-warmup-ms N] [--scenario-warmup-max-ms N] [--scenario-batch-ms N]
              --quick   2 rounds of short forks (under 3 minutes); default is the full run
                        (3 rounds, about 12 minutes; 12 min 22 s measured)
              --heap    fixed heap of every fork (-Xms = -Xmx), default 256m, so that peak RSS
                        compares what the agents add rather than how far G1 chose to grow
              --scenarios  the other intercepted calls each H2 fork measures after the JDBC
                        loop, against loopback targets the harness serves (default: all)
              --scenario-warmup-ms, --scenario-batch-ms  each scenario's least warm-up (it also
                        makes 16,000 calls, 6,000 with --quick) and the length of each batch
              --scenario-warmup-max-ms  the longest a scenario's warm-up runs until its batches
                        are steady and the JIT is quiet (default 15000, 2000 with --quick): a
                        loopback HTTP GET reaches its steady state 8 to 15 s after its first call
              --nice    run every fork under nice -n N; a negative N (root only) lets the
                        forks win the CPU from other work on a shared machine
            """;

    static HarnessOptions parse(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        // Budgets (issue #8): --quick under 3 minutes, the full run under 15, on 2 cores, with the
        // three scenarios and the PostgreSQL rows: 16 forks of about 9 s (2 min 30 s measured), or 24 forks
        // of about 31 s (12 min 22 s measured; the HTTP scenario's warm-up is about 10 s of each H2 fork).
        int rounds = quick ? 2 : 3;
        // the JDBC loop makes ~700,000 calls a second: one second of --quick warm-up is far past the
        // JIT's thresholds; the time saved pays for the scenarios' warm-up to 16,000 calls each
        long warmupMillis = quick ? 1_000 : 4_000;
        int batches = quick ? 4 : 8;
        long batchMillis = quick ? 300 : 1_000;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path mandateAgent = Path.of("agent/target/mandate-agent.jar");
        Path otelAgent = Path.of("benchmarks/target/agents/opentelemetry-javaagent.jar");
        Path policy = Path.of("benchmarks/src/main/resources/bench.mandate");
        String appClassPath = null;
        Path out = Path.of("benchmarks/target");
        String postgresUrl = null;
        String heapSize = "256m";
        Integer niceness = null;
        List<String> only = new ArrayList<>();
        List<String> jvmArguments = new ArrayList<>();
        String scenarios = null;
        long scenarioWarmupMillis = quick ? 400 : 1_000;
        long scenarioBatchMillis = quick ? 150 : 400;
        long scenarioWarmupMaxMillis = quick ? 2_000 : 15_000;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> { }
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, arg));
                case "--warmup-ms" -> warmupMillis = Long.parseLong(value(args, ++i, arg));
                case "--batches" -> batches = Integer.parseInt(value(args, ++i, arg));
                case "--batch-ms" -> batchMillis = Long.parseLong(value(args, ++i, arg));
                case "--java" -> java = Path.of(value(args, ++i, arg));
                case "--mandate-agent" -> mandateAgent = Path.of(value(args, ++i, arg));
                case "--otel-agent" -> otelAgent = Path.of(value(args, ++i, arg));
                case "--policy" -> policy = Path.of(value(args, ++i, arg));
                case "--app-classpath" -> appClassPath = value(args, ++i, arg);
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--postgres-url" -> postgresUrl = value(args, ++i, arg);
                case "--only" -> only.addAll(List.of(value(args, ++i, arg).split(",")));
                case "--heap" -> heapSize = value(args, ++i, arg);
                case "--nice" -> niceness = Integer.parseInt(value(args, ++i, arg));
                case "--jvm-arg" -> jvmArguments.add(value(args, ++i, arg));
                case "--scenarios" -> scenarios = value(args, ++i, arg);
                case "--scenario-warmup-ms" -> scenarioWarmupMillis = Long.parseLong(value(args, ++i, arg));
                case "--scenario-batch-ms" -> scenarioBatchMillis = Long.parseLong(value(args, ++i, arg));
                case "--scenario-warmup-max-ms" -> scenarioWarmupMaxMillis = Long.parseLong(value(args, ++i, arg));
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (rounds < 1 || batches < 1 || batchMillis < 1 || warmupMillis < 0 || scenarioBatchMillis < 1
                || scenarioWarmupMillis < 0 || scenarioWarmupMaxMillis < 0) {
            throw new IllegalArgumentException(
                    "rounds, batches, batch-ms and scenario-batch-ms must be positive, the warm-ups not negative");
        }
        if (appClassPath == null) {
            appClassPath = defaultAppClassPath(Path.of("benchmarks/target"));
        }
        return new HarnessOptions(quick, rounds, warmupMillis, batches, batchMillis, java.toAbsolutePath(),
                mandateAgent.toAbsolutePath(), otelAgent.toAbsolutePath(), policy.toAbsolutePath(), appClassPath,
                out.toAbsolutePath(), Optional.ofNullable(postgresUrl), heapSize, Optional.ofNullable(niceness), List.copyOf(only), List.copyOf(jvmArguments),
                Scenario.parseList(scenarios), scenarioWarmupMillis, quick ? 6_000 : 16_000, scenarioWarmupMaxMillis, quick ? 3 : 6,
                scenarioBatchMillis);
    }

    /**
     * The apps jar and the drivers and API that the benchmarks build copies beside it (the
     * live-control benchmarks fork their probe app on it too, through {@link AppClassPath}).
     */
    static String defaultAppClassPath(Path target) {
        List<String> entries = new ArrayList<>();
        try (var files = Files.list(target)) {
            files.filter(f -> f.getFileName().toString().endsWith("-apps.jar"))
                    .forEach(f -> entries.add(f.toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException("no " + target + ": build the benchmarks first (benchmarks/run does)", e);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no *-apps.jar in " + target + ": build the benchmarks first (benchmarks/run does)");
        }
        for (String jar : List.of("h2.jar", "postgresql.jar", "mandate-api.jar")) {
            Path lib = target.resolve("app-lib").resolve(jar);
            if (!Files.isRegularFile(lib)) {
                throw new IllegalArgumentException("missing " + lib + ": build the benchmarks first (benchmarks/run does)");
            }
            entries.add(lib.toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
