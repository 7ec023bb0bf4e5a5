package io.mandate.benchmarks.control;

import java.util.Arrays;

/** Measured latencies in nanoseconds, summarised by nearest-rank percentiles (tails are the point here). */
final class LatencySample {
    private final long[] sorted;

    LatencySample(long[] nanos, int count) {
        this.sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
    }

    int size() {
        return sorted.length;
    }

    long percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long max() {
        return sorted[sorted.length - 1];
    }

    /** "p50 0.412 ms, p99 1.830 ms, max 3.200 ms (n=1000)". */
    String describeMillis() {
        return String.format("p50 %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)", percentile(50) / 1e6, percentile(99) / 1e6,
                max() / 1e6, size());
    }
}
