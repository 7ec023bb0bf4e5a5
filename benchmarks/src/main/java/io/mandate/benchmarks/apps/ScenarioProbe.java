package io.mandate.benchmarks.apps;

import io.mandate.api.PolicyDenial;

/**
 * One call of a scenario against a target the benchmark policy denies, made after measuring, so
 * the results show whether the agent under test really decided that kind of call: in enforce mode
 * Mandate must refuse it with a {@link PolicyDenial}; otherwise it reaches its target.
 */
final class ScenarioProbe {
    static final String DENIED_BY_POLICY = "denied";
    static final String REACHED_TARGET = "reached";

    private ScenarioProbe() {
    }

    static String run(CallLoop deniedCall) {
        try {
            deniedCall.call();
            return REACHED_TARGET;
        } catch (Exception e) {
            return e instanceof PolicyDenial ? DENIED_BY_POLICY : REACHED_TARGET + " (" + e.getClass().getSimpleName() + ")";
        }
    }
}
