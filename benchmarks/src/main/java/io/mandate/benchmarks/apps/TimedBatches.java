package io.mandate.benchmarks.apps;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a workload's call in time-boxed batches: warm-up until the JIT has settled, then the
 * measured batches. Time-boxed rather than sized, so a slow configuration (PostgreSQL over
 * loopback, a heavy agent) still finishes in the planned wall time.
 */
final class TimedBatches {
    private static final int MAX_WARMUP_STRETCH = 3;
    private static final long MAX_CALL_COUNT_WARMUP_NANOS = 12_000_000_000L;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean processCpu =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final CallLoop loop;
    /** Calls between two clock reads: enough that reading the clock costs nothing measurable. */
    private final int callsPerClockCheck;

    TimedBatches(CallLoop loop, int callsPerClockCheck) {
        this.loop = loop;
        this.callsPerClockCheck = callsPerClockCheck;
    }

    /** What one workload measured: the warm-up batches' wall time and every measured batch. */
    record Series(List<Double> warmupNanosPerCall, List<BatchTiming> measured) {
    }

    /**
     * Warm-up lasts the planned time and then, if batches are still getting faster (a heavy agent
     * can keep the JIT busy for longer), up to three times that until it settles: measuring a
     * half-compiled agent would charge it for compile time the user pays once.
     */
    Series measure(long warmupMillis, int batches, long batchMillis) throws Exception {
        return measure(warmupMillis, 0, batches, batchMillis);
    }

    /**
     * As {@link #measure(long, int, long)}, and the warm-up also runs at least {@code minWarmupCalls}
     * calls (for at most {@link #MAX_CALL_COUNT_WARMUP_NANOS}): a slow call (an HTTP round trip) makes
     * too few calls in the planned time for the JIT to compile its path, and would be measured
     * half-interpreted, charging the agents for compiling what a long-running service compiles once.
     */
    Series measure(long warmupMillis, long minWarmupCalls, int batches, long batchMillis) throws Exception {
        List<Double> warmup = new ArrayList<>();
        List<BatchTiming> measured = new ArrayList<>();
        long warmupStart = System.nanoTime();
        long planned = warmupMillis * 1_000_000L;
        long warmupBatchMillis = Math.min(batchMillis, Math.max(1, warmupMillis));
        long warmupCalls = 0;
        while (true) {
            long elapsed = System.nanoTime() - warmupStart;
            boolean enoughCalls = warmupCalls >= minWarmupCalls || elapsed >= MAX_CALL_COUNT_WARMUP_NANOS;
            if (enoughCalls && (elapsed >= planned * MAX_WARMUP_STRETCH
                    || (elapsed >= planned && WarmupSettling.settled(warmup)))) {
                break;
            }
            BatchTiming batch = runBatch(warmupBatchMillis);
            warmupCalls += batch.calls();
            warmup.add(batch.wallNanosPerCall());
        }
        for (int i = 0; i < batches; i++) {
            measured.add(runBatch(batchMillis));
        }
        return new Series(warmup, measured);
    }

    /** Runs calls for at least {@code millis} and returns their mean cost per call. */
    BatchTiming runBatch(long millis) throws Exception {
        long budget = millis * 1_000_000L;
        long calls = 0;
        long processCpuStart = processCpu.getProcessCpuTime();
        long threadCpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            for (int i = 0; i < callsPerClockCheck; i++) {
                loop.call();
            }
            calls += callsPerClockCheck;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuStart;
        long processCpuUsed = processCpu.getProcessCpuTime() - processCpuStart;
        return new BatchTiming((double) elapsed / calls, (double) threadCpu / calls, (double) processCpuUsed / calls, calls);
    }
}
