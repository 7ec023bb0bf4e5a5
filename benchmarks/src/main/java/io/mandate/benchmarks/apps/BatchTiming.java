package io.mandate.benchmarks.apps;

/**
 * One batch's cost per call, three ways. Wall time is what the application feels. CPU time is
 * what the work consumed whatever else the machine was doing: the loop thread's own (the agent's
 * inline decide + journal hand-off), and the whole process's (adding the agent's background
 * journal writer, GC and JIT threads).
 */
record BatchTiming(double wallNanosPerCall, double threadCpuNanosPerCall, double processCpuNanosPerCall, long calls) {
}
