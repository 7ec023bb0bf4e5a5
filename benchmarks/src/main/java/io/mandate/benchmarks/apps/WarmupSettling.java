package io.mandate.benchmarks.apps;

import java.util.List;

/**
 * Decides when warm-up is over: the batches have stopped getting faster, and the JIT compilers
 * were nearly idle while the latest ones ran. Timing alone is not enough for a slow call: an HTTP
 * round trip keeps the same speed for a few batches while C2 still has the client's (and an
 * agent's) code queued, then speeds up once it is compiled.
 *
 * "Stopped getting faster" compares the mean of the latest batches with the mean of the batches
 * just before them, not with the fastest batch seen: a loopback round trip varies by ±10% from one
 * 400 ms batch to the next, so the fastest batch is an outlier that later batches rarely match.
 */
final class WarmupSettling {
    /** Batches in each of the two windows compared. */
    static final int WINDOW = 2;
    /** The latest window may be at most this much faster than the one before it to count as settled. */
    private static final double STILL_IMPROVING = 0.95;
    /**
     * The most of a batch's wall time the compilers may have worked for it to count as settled:
     * a steady JVM still compiles now and then (a rarely taken branch, an OSR), 5% allows that.
     */
    static final double QUIET_COMPILER_FRACTION = 0.05;

    private WarmupSettling() {
    }

    /** True when the latest batches are no faster than those before them and the JIT was quiet. */
    static boolean settled(List<WarmupBatch> warmup) {
        int size = warmup.size();
        if (size < 2 * WINDOW) {
            return false;
        }
        double latest = 0;
        double before = 0;
        for (int i = 0; i < WINDOW; i++) {
            WarmupBatch batch = warmup.get(size - 1 - i);
            if (!batch.compilerQuiet(QUIET_COMPILER_FRACTION)) {
                return false;
            }
            latest += batch.wallNanosPerCall();
            before += warmup.get(size - 1 - WINDOW - i).wallNanosPerCall();
        }
        return latest >= before * STILL_IMPROVING;
    }
}
