package io.mandate.benchmarks.harness;

import java.util.Collection;

/** Order statistics of a sample; medians and quartiles because batch timings have long tails. */
final class Quantiles {
    private final double[] sorted;

    private Quantiles(double[] sorted) {
        this.sorted = sorted;
    }

    static Quantiles of(Collection<? extends Number> values) {
        return new Quantiles(values.stream().mapToDouble(Number::doubleValue).sorted().toArray());
    }

    boolean isEmpty() {
        return sorted.length == 0;
    }

    int count() {
        return sorted.length;
    }

    double median() {
        return at(0.5);
    }

    double min() {
        return at(0.0);
    }

    double max() {
        return at(1.0);
    }

    /** Quantile with linear interpolation between the closest ranks; NaN for an empty sample. */
    double at(double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = quantile * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
