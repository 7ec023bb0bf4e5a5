package io.mandate.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a run happened on, printed with the table because figures without their machine
 * mean nothing. The load average before and after shows whether something else was running.
 */
record MachineDescription(String cpuModel, int cores, long memoryMib, String os, String loadAverage) {

    static MachineDescription current() {
        return new MachineDescription(
                procValue("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                procValue("/proc/meminfo", "MemTotal").map(MachineDescription::kibToMib).orElse(-1L),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                loadAverageNow());
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" without procfs. */
    static String loadAverageNow() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static java.util.Optional<String> procValue(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static long kibToMib(String value) {
        return Long.parseLong(value.replace("kB", "").trim()) / 1024;
    }
}
