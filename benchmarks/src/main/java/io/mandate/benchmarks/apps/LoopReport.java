package io.mandate.benchmarks.apps;

import java.util.List;
import java.util.Locale;
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
        List<Double> warmupNanosPerCall,
        List<BatchTiming> measured,
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
                + "  \"warmupNanosPerCall\": " + numbers(warmupNanosPerCall) + ",\n"
                + "  \"measuredNanosPerCall\": " + numbers(measured.stream().map(BatchTiming::wallNanosPerCall).toList()) + ",\n"
                + "  \"measuredThreadCpuNanosPerCall\": " + numbers(measured.stream().map(BatchTiming::threadCpuNanosPerCall).toList()) + ",\n"
                + "  \"measuredProcessCpuNanosPerCall\": " + numbers(measured.stream().map(BatchTiming::processCpuNanosPerCall).toList()) + ",\n"
                + "  \"peakRssKib\": " + footprint.peakRssKib() + ",\n"
                + "  \"rssKib\": " + footprint.rssKib() + ",\n"
                + "  \"rssAnonymousKib\": " + footprint.rssAnonymousKib() + ",\n"
                + "  \"rssFileKib\": " + footprint.rssFileKib() + ",\n"
                + "  \"heapUsedAfterGcBytes\": " + footprint.heapUsedAfterGcBytes() + ",\n"
                + "  \"metaspaceUsedBytes\": " + footprint.metaspaceUsedBytes() + ",\n"
                + "  \"denyProbe\": {\"outcome\": " + quoted(probe.outcome()) + ", \"sqlState\": " + quoted(probe.sqlState())
                + ", \"exceptionClass\": " + quoted(probe.exceptionClass()) + "},\n"
                + "  \"attachedAgents\": [" + attachedAgents.stream().map(LoopReport::quoted).collect(Collectors.joining(", ")) + "]\n"
                + "}\n";
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
