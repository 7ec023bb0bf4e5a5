package io.mandate.agent.instrumentation.process.runtime;

import io.mandate.policy.Decision;
import io.mandate.policy.Request;

/**
 * The launch a thread is running, between the decision and the journal record. One per thread
 * and reused: only the outermost launch of a thread is decided, so at most one is in flight.
 */
final class InFlightLaunch {
    Request request;
    Decision decision;
    String display;
    long startEpochNanos;
    long startNanos;

    InFlightLaunch start(Request newRequest, Decision newDecision, String newDisplay, long epochNanos, long nanos) {
        request = newRequest;
        decision = newDecision;
        display = newDisplay;
        startEpochNanos = epochNanos;
        startNanos = nanos;
        return this;
    }

    /** Drops the references so an idle thread keeps no command line alive. */
    void finish() {
        request = null;
        decision = null;
        display = null;
    }
}
