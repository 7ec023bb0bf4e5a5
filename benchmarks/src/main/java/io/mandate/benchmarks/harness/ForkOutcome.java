package io.mandate.benchmarks.harness;

import java.nio.file.Path;

/**
 * One forked JVM's run of one configuration: its figures, or why there are none.
 *
 * @param launchEpochMillis wall clock just before the process was started, so that the app's own
 *                          clock at main entry gives the startup the user waits for
 * @param failure           empty when the fork ran to the end and its agent really served it
 */
record ForkOutcome(
        Configuration configuration,
        int round,
        long launchEpochMillis,
        LoopResult result,
        String failure,
        Path log) {

    boolean succeeded() {
        return failure.isEmpty();
    }

    /** Launch to the first statement of main: process start, JVM boot and the agent's premain. */
    long launchToMainMillis() {
        return result.mainEnteredEpochMillis() - launchEpochMillis;
    }
}
