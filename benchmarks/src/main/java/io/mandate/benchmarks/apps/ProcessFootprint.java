package io.mandate.benchmarks.apps;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory the whole process used, so an agent's cost shows up wherever it lives: the kernel's peak
 * resident set (VmHWM) covers heap, metaspace, code cache, thread stacks and the journal's mapped
 * files alike; heap and metaspace after a full GC say how much of it the agent keeps alive.
 */
record ProcessFootprint(long peakRssKib, long rssKib, long rssAnonymousKib, long rssFileKib,
                        long heapUsedAfterGcBytes, long metaspaceUsedBytes) {

    /** Reads the kernel's figures first: the GC that follows must not move the peak. */
    static ProcessFootprint measure() {
        long peak = statusKib("VmHWM:");
        long current = statusKib("VmRSS:");
        // File-backed resident pages are mostly mapped jars and journal files; anonymous ones are
        // heap, metaspace, code and stacks. The kernel keeps no peak of either, only the end value.
        long anonymous = statusKib("RssAnon:");
        long file = statusKib("RssFile:");
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP && pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        return new ProcessFootprint(peak, current, anonymous, file, heap, metaspace);
    }

    /** A line of /proc/self/status in kB, or -1 where there is no procfs (not Linux). */
    private static long statusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
