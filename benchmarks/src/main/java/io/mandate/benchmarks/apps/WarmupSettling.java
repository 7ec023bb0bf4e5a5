package io.mandate.benchmarks.apps;

import java.util.Collections;
import java.util.List;

/** Decides when warm-up batches have stopped getting faster. */
final class WarmupSettling {
    /** Batches within this factor of the fastest one so far count as settled. */
    private static final double TOLERANCE = 1.05;
    private static final int SETTLED_BATCHES_IN_A_ROW = 2;

    private WarmupSettling() {
    }

    /** True when the latest batches are all close to the fastest warm-up batch seen. */
    static boolean settled(List<Double> warmupNanosPerCall) {
        int size = warmupNanosPerCall.size();
        if (size < SETTLED_BATCHES_IN_A_ROW + 1) {
            return false;
        }
        double fastest = Collections.min(warmupNanosPerCall);
        for (int i = size - SETTLED_BATCHES_IN_A_ROW; i < size; i++) {
            if (warmupNanosPerCall.get(i) > fastest * TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}
