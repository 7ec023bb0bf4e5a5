package io.mandate.benchmarks.apps;

/** One intercepted call of a workload, repeated by {@link TimedBatches}. */
@FunctionalInterface
interface CallLoop {
    void call() throws Exception;
}
