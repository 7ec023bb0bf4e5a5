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

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean processCpu =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final CompilerActivity compilers = new CompilerActivity();
    private final CallLoop loop;
    /** Calls between two clock reads: enough that reading the clock costs nothing measurable. */
    private final int callsPerClockCheck;

    TimedBatches(CallLoop loop, int callsPerClockCheck) {
        this.loop = loop;
        this.callsPerClockCheck = callsPerClockCheck;
    }

    /**
     * What one workload measured: the warm-up batches' wall time and every measured batch; how
     * long warm-up ran, how long the JIT compiled during it and during the measured batches (-1:
     * not reported by this JVM), and whether warm-up settled (false: it hit its time limit).
     */
    record Series(List<Double> warmupNanosPerCall, List<BatchTiming> measured, long warmupMillis,
                  long warmupCompileMillis, boolean warmupSettled, long measuredCompileMillis) {
    }

    /**
     * Warm-up lasts the planned time and then, until it settles (see {@link WarmupSettling}), up to
     * three times that: measuring a half-compiled agent would charge it for compile time the user
     * pays once.
     */
    Series measure(long warmupMillis, int batches, long batchMillis) throws Exception {
        return measure(warmupMillis, 0, 0, batches, batchMillis);
    }

    /**
     * As {@link #measure(long, int, long)}, and the warm-up also runs at least {@code minWarmupCalls}
     * calls and may last up to {@code maxWarmupMillis} to settle: a slow call (an HTTP round trip)
     * makes too few calls in the planned time for the JIT to compile its path, and would be measured
     * half-compiled, charging the agents for compiling what a long-running service compiles once.
     * How long warm-up took is reported beside the figures, so that one-off cost stays visible.
     */
    Series measure(long warmupMillis, long minWarmupCalls, long maxWarmupMillis, int batches, long batchMillis)
            throws Exception {
        List<WarmupBatch> warmup = new ArrayList<>();
        List<BatchTiming> measured = new ArrayList<>();
        long warmupStart = System.nanoTime();
        long compileAtStart = compilers.totalMillis();
        long planned = warmupMillis * 1_000_000L;
        long limit = Math.max(planned * MAX_WARMUP_STRETCH, maxWarmupMillis * 1_000_000L);
        long warmupBatchMillis = Math.min(batchMillis, Math.max(1, warmupMillis));
        long warmupCalls = 0;
        boolean settled;
        while (true) {
            long elapsed = System.nanoTime() - warmupStart;
            settled = warmupCalls >= minWarmupCalls && elapsed >= planned && WarmupSettling.settled(warmup);
            if (settled || elapsed >= limit) {
                break;
            }
            long compileBefore = compilers.totalMillis();
            BatchTiming batch = runBatch(warmupBatchMillis);
            long compileAfter = compilers.totalMillis();
            warmupCalls += batch.calls();
            warmup.add(new WarmupBatch(batch.wallNanosPerCall(), Math.round(batch.wallNanosPerCall() * batch.calls() / 1e6),
                    compileBefore < 0 ? -1 : compileAfter - compileBefore));
        }
        long warmupElapsedMillis = (System.nanoTime() - warmupStart) / 1_000_000L;
        long compileAtMeasureStart = compilers.totalMillis();
        for (int i = 0; i < batches; i++) {
            measured.add(runBatch(batchMillis));
        }
        long compileAtEnd = compilers.totalMillis();
        return new Series(warmup.stream().map(WarmupBatch::wallNanosPerCall).toList(), measured, warmupElapsedMillis,
                compileAtStart < 0 ? -1 : compileAtMeasureStart - compileAtStart, settled,
                compileAtStart < 0 ? -1 : compileAtEnd - compileAtMeasureStart);
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
