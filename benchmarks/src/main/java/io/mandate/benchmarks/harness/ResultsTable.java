package io.mandate.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a run as one markdown table with the machine and method above it and the notes (missing
 * agents, failed forks) below: the same text goes to the console and to results.md.
 */
final class ResultsTable {
    /** Goals from the issue, for Mandate rows only: added cost per call, startup and memory. */
    static final double GOAL_ADDED_NANOS_PER_CALL = 500;
    static final double GOAL_ADDED_STARTUP_MILLIS = 500;
    static final double GOAL_ADDED_PEAK_RSS_MIB = 64;
    /** Goals of the egress issue: at most 5 % on the HTTP round trip, at most 1 µs on a file open. */
    static final double GOAL_HTTP_RATIO = 1.05;
    static final double GOAL_FILE_ADDED_NANOS = 1_000;

    private ResultsTable() {
    }

    static String render(HarnessOptions options, MachineDescription machine, String javaVersion, String loadAfter,
                         String startedAt, long wallSeconds, List<ConfigurationFigures> figures,
                         List<ScenarioFigures> scenarioFigures, List<String> notes) {
        StringBuilder md = new StringBuilder();
        md.append("# Mandate whole-process benchmark\n\n");
        md.append(String.format(Locale.ROOT,
                "%s, %s mode: %d rounds x %d configurations, each fork with a %s heap%s, at least %.1f s warm-up "
                        + "then %d batches of %d ms; wall time %d s.%n",
                startedAt, options.quick() ? "quick" : "full", options.rounds(), figures.size(), options.heapSize(),
                options.niceness().map(n -> " under nice " + n).orElse(""),
                options.warmupMillis() / 1000.0, options.batches(), options.batchMillis(), wallSeconds));
        md.append(String.format(Locale.ROOT, "Machine: %s, %d cores, %d MiB, %s; Java %s (%s). Load average before %s, after %s.%n%n",
                machine.cpuModel(), machine.cores(), machine.memoryMib(), machine.os(), javaVersion,
                options.javaExecutable(), machine.loadAverage(), loadAfter));

        md.append("| Configuration | ns/call median (p25–p75) | added ns/call (range over rounds) | × no agent "
                + "| added CPU ns/call: loop thread / process | launch→main ms (added) | CPU to main ms (added) "
                + "| peak RSS MiB (added) | heap+metaspace after GC MiB (added) | deny probe | goals | forks ok |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|\n");
        for (ConfigurationFigures f : figures) {
            md.append(row(f)).append('\n');
        }

        if (!scenarioFigures.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nOther intercepted calls, measured in the same H2 forks after the JDBC loop "
                    + "(warm-up of at least %.1f s and %,d calls, then until the batches are steady and the JIT is quiet, "
                    + "for at most %.0f s; then %d batches of %d ms each), against loopback peers the harness serves:%n%n",
                    options.scenarioWarmupMillis() / 1000.0, options.scenarioWarmupCalls(),
                    Math.max(options.scenarioWarmupMillis() * 3, options.scenarioWarmupMaxMillis()) / 1000.0,
                    options.scenarioBatches(), options.scenarioBatchMillis()));
            md.append("| Call | Configuration | ns/call median (p25–p75) | added ns/call (range over rounds) | × no agent "
                    + "| added CPU ns/call, loop thread | warm-up s (forks settled) | JIT ms while measured | deny probe | goal |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---|---|\n");
            for (ScenarioFigures f : scenarioFigures) {
                md.append(scenarioRow(f)).append('\n');
            }
        }

        List<String> allNotes = new ArrayList<>(notes);
        for (ConfigurationFigures f : figures) {
            f.failures().forEach(failure -> allNotes.add(f.configuration().id() + " " + failure));
        }
        md.append('\n');
        md.append("Added = this row's median minus the no-agent median for the same database; the range is over "
                + "rounds, each of which ran every configuration once back to back. CPU columns count CPU time "
                + "instead of wall time, so other load on the machine inflates them far less: the loop thread's "
                + "own, and the whole process's (agent background threads, GC, JIT included); CPU to main sums "
                + "every JVM thread, so on 2 cores it can exceed the wall time. Goals (Mandate rows, wall time): added "
                + "≤ 500 ns/call, startup ≤ +500 ms, peak RSS ≤ +64 MiB. Deny probe: one SELECT on a table the "
                + "policy denies, made after measuring; enforce must refuse it before the driver. Warm-up s: median "
                + "over the forks of how long the call ran before it was measured (the JIT compiling the client's and "
                + "the agent's code is a one-off cost that a long-running service pays once); JIT ms while measured: "
                + "median compile time during a fork's measured batches.\n");
        for (String note : allNotes) {
            md.append("\n- ").append(note);
        }
        if (!allNotes.isEmpty()) {
            md.append('\n');
        }
        return md.toString();
    }

    private static String row(ConfigurationFigures f) {
        String title = f.configuration().title();
        String forks = (f.forks() - f.failures().size()) + "/" + f.forks();
        if (!f.measured()) {
            return "| " + title + " | not measured | | | | | | | | | | " + forks + " |";
        }
        boolean baseline = f.configuration().isBaseline();
        String perCall = String.format(Locale.ROOT, "%.0f (%.0f–%.0f)",
                f.nanosPerCall().median(), f.nanosPerCall().at(0.25), f.nanosPerCall().at(0.75));
        String added = baseline ? "—" : String.format(Locale.ROOT, "%+.0f (%+.0f … %+.0f)",
                f.addedNanosPerCall(), f.roundDifferences().min(), f.roundDifferences().max());
        String ratio = baseline ? "1.00" : String.format(Locale.ROOT, "%.2f", f.ratioToBaseline());
        String cpuPerCall = baseline ? "—" : String.format(Locale.ROOT, "%+.0f / %+.0f",
                f.addedThreadCpuNanosPerCall(), f.addedProcessCpuNanosPerCall());
        String startup = String.format(Locale.ROOT, "%.0f%s", f.launchToMainMillis().median(),
                baseline ? "" : String.format(Locale.ROOT, " (%+.0f)", f.addedStartupMillis()));
        String cpuToMain = String.format(Locale.ROOT, "%.0f%s", f.cpuAtMainMillis().median(),
                baseline ? "" : String.format(Locale.ROOT, " (%+.0f)", f.addedCpuAtMainMillis()));
        String rss = String.format(Locale.ROOT, "%.0f%s", f.peakRssMib().median(),
                baseline ? "" : String.format(Locale.ROOT, " (%+.0f)", f.addedPeakRssMib()));
        String retained = String.format(Locale.ROOT, "%.1f%s", f.retainedMib().median(),
                baseline ? "" : String.format(Locale.ROOT, " (%+.1f)", f.addedRetainedMib()));
        return "| " + String.join(" | ", title, perCall, added, ratio, cpuPerCall, startup, cpuToMain, rss, retained,
                f.denyProbe(), goals(f), forks) + " |";
    }

    private static String scenarioRow(ScenarioFigures f) {
        String call = f.scenario().title();
        String title = f.configuration().title();
        if (!f.measured()) {
            return "| " + call + " | " + title + " | not measured | | | | | | | |";
        }
        boolean baseline = f.configuration().isBaseline();
        String perCall = String.format(Locale.ROOT, "%.0f (%.0f–%.0f)",
                f.nanosPerCall().median(), f.nanosPerCall().at(0.25), f.nanosPerCall().at(0.75));
        String added = baseline ? "—" : String.format(Locale.ROOT, "%+.0f (%+.0f … %+.0f)",
                f.addedNanosPerCall(), f.roundDifferences().min(), f.roundDifferences().max());
        String ratio = baseline ? "1.00" : String.format(Locale.ROOT, "%.3f", f.ratioToBaseline());
        String cpu = baseline ? "—" : String.format(Locale.ROOT, "%+.0f", f.addedThreadCpuNanosPerCall());
        String warmup = String.format(Locale.ROOT, "%.1f (%d/%d)", f.warmupSeconds().median(), f.settledForks(),
                f.warmupSeconds().count());
        String compiling = f.measuredCompileMillis().isEmpty() || f.measuredCompileMillis().median() < 0 ? "—"
                : String.format(Locale.ROOT, "%.0f", f.measuredCompileMillis().median());
        return "| " + String.join(" | ", call, title, perCall, added, ratio, cpu, warmup, compiling, f.denyProbe(),
                scenarioGoal(f)) + " |";
    }

    static String scenarioGoal(ScenarioFigures f) {
        if (f.configuration().agent() != AgentUnderTest.MANDATE || f.scenario() == Scenario.SOCKET_CONNECT) {
            return "—";
        }
        if (!f.allSettled()) {
            // measured while the JIT was still compiling (here or in the no-agent forks): not a per-call cost
            return "not settled";
        }
        return switch (f.scenario()) {
            case HTTP_GET -> "≤ ×1.05 " + mark(f.ratioToBaseline() <= GOAL_HTTP_RATIO);
            case FILE_READ -> "≤ +1 µs " + mark(f.addedNanosPerCall() <= GOAL_FILE_ADDED_NANOS);
            case SOCKET_CONNECT -> "—";
        };
    }

    private static String goals(ConfigurationFigures f) {
        if (f.configuration().agent() != AgentUnderTest.MANDATE) {
            return "—";
        }
        return "call " + mark(f.addedNanosPerCall() <= GOAL_ADDED_NANOS_PER_CALL)
                + " start " + mark(f.addedStartupMillis() <= GOAL_ADDED_STARTUP_MILLIS)
                + " RSS " + mark(f.addedPeakRssMib() <= GOAL_ADDED_PEAK_RSS_MIB);
    }

    private static String mark(boolean met) {
        return met ? "✓" : "✗";
    }
}
