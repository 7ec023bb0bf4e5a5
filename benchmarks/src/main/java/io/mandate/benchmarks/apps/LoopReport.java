package io.mandate.benchmarks.apps;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one benchmark JVM measured, as JSON for the harness. Written by hand because the app's
 * class path must hold nothing but the driver and the Mandate API: a JSON library here would be
 * one more thing the agents under test instrument.
 */
record LoopReport(
        long mainEnteredEpochMillis,
        long jvmUptimeAtMainMillis,
        long cpuAtMainMillis,
        LoopSettings settings,
        TimedBatches.Series jdbc,
        Map<String, TimedBatches.Series> scenarios,
        Map<String, String> scenarioProbes,
        ProcessFootprint footprint,
        DenyProbe probe,
        List<String> attachedAgents,
        String javaVersion) {

    String toJson() {
        return "{\n"
                + "  \"mainEnteredEpochMillis\": " + mainEnteredEpochMillis + ",\n"
                + "  \"jvmUptimeAtMainMillis\": " + jvmUptimeAtMainMillis + ",\n"
                + "  \"cpuAtMainMillis\": " + cpuAtMainMillis + ",\n"
                + "  \"javaVersion\": " + quoted(javaVersion) + ",\n"
                + "  \"insideChain\": " + settings.insideChain() + ",\n"
                + "  \"batchMillis\": " + settings.batchMillis() + ",\n"
                + series(jdbc, "  ") + ",\n"
                + "  \"scenarios\": {" + scenarios.entrySet().stream()
                        .map(e -> "\n    " + quoted(e.getKey()) + ": {\n" + series(e.getValue(), "      ") + "\n    }")
                        .collect(Collectors.joining(",")) + (scenarios.isEmpty() ? "" : "\n  ") + "},\n"
                + "  \"peakRssKib\": " + footprint.peakRssKib() + ",\n"
                + "  \"rssKib\": " + footprint.rssKib() + ",\n"
                + "  \"rssAnonymousKib\": " + footprint.rssAnonymousKib() + ",\n"
                + "  \"rssFileKib\": " + footprint.rssFileKib() + ",\n"
                + "  \"heapUsedAfterGcBytes\": " + footprint.heapUsedAfterGcBytes() + ",\n"
                + "  \"metaspaceUsedBytes\": " + footprint.metaspaceUsedBytes() + ",\n"
                + "  \"scenarioProbes\": {" + scenarioProbes.entrySet().stream()
                        .map(e -> quoted(e.getKey()) + ": " + quoted(e.getValue())).collect(Collectors.joining(", ")) + "},\n"
                + "  \"denyProbe\": {\"outcome\": " + quoted(probe.outcome()) + ", \"sqlState\": " + quoted(probe.sqlState())
                + ", \"exceptionClass\": " + quoted(probe.exceptionClass()) + "},\n"
                + "  \"attachedAgents\": [" + attachedAgents.stream().map(LoopReport::quoted).collect(Collectors.joining(", ")) + "]\n"
                + "}\n";
    }

    /** The batches of one workload, as the fields the harness reads. */
    private static String series(TimedBatches.Series series, String indent) {
        List<BatchTiming> measured = series.measured();
        return indent + "\"warmupNanosPerCall\": " + numbers(series.warmupNanosPerCall()) + ",\n"
                + indent + "\"measuredNanosPerCall\": " + numbers(measured.stream().map(BatchTiming::wallNanosPerCall).toList()) + ",\n"
                + indent + "\"measuredThreadCpuNanosPerCall\": " + numbers(measured.stream().map(BatchTiming::threadCpuNanosPerCall).toList()) + ",\n"
                + indent + "\"measuredProcessCpuNanosPerCall\": " + numbers(measured.stream().map(BatchTiming::processCpuNanosPerCall).toList()) + ",\n"
                + indent + "\"warmupMillis\": " + series.warmupMillis() + ",\n"
                + indent + "\"warmupCompileMillis\": " + series.warmupCompileMillis() + ",\n"
                + indent + "\"warmupSettled\": " + series.warmupSettled() + ",\n"
                + indent + "\"measuredCompileMillis\": " + series.measuredCompileMillis();
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
