package io.mandate.agent.instrumentation.net.runtime;

import io.mandate.policy.Decision;
import io.mandate.policy.Request;

/**
 * The connect a thread is making, between the decision and the journal record. One per thread and
 * reused: only the outermost connect of a thread is decided, so at most one is in flight.
 */
final class InFlightConnect {
    Request request;
    Decision decision;
    String display;
    long startEpochNanos;
    long startNanos;

    InFlightConnect start(Request newRequest, Decision newDecision, String newDisplay, long epochNanos, long nanos) {
        request = newRequest;
        decision = newDecision;
        display = newDisplay;
        startEpochNanos = epochNanos;
        startNanos = nanos;
        return this;
    }

    void finish() {
        request = null;
        decision = null;
        display = null;
    }
}
