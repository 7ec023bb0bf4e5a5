package io.mandate.benchmarks.apps;

/**
 * One warm-up batch: its wall time per call, how long it ran, and how long the JIT compilers
 * worked meanwhile ({@code -1} when the JVM does not report compile time).
 */
record WarmupBatch(double wallNanosPerCall, long wallMillis, long compileMillis) {
    /** The compilers worked at most {@code fraction} of the batch's wall time (unknown counts as quiet). */
    boolean compilerQuiet(double fraction) {
        return compileMillis < 0 || compileMillis <= fraction * Math.max(1, wallMillis);
    }
}
