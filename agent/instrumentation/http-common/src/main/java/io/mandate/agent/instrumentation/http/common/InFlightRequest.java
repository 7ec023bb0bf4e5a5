package io.mandate.agent.instrumentation.http.common;

import io.mandate.policy.Decision;
import io.mandate.policy.Request;

/**
 * The request a thread is connecting, between the decision and the journal record. One per thread
 * and reused: only the outermost request of a thread is decided, so at most one is in flight.
 */
final class InFlightRequest {
    Request request;
    Decision decision;
    String method;
    String target;
    long startEpochNanos;
    long startNanos;

    InFlightRequest start(Request newRequest, Decision newDecision, String newMethod, String newTarget,
                          long epochNanos, long nanos) {
        request = newRequest;
        decision = newDecision;
        method = newMethod;
        target = newTarget;
        startEpochNanos = epochNanos;
        startNanos = nanos;
        return this;
    }

    /** Drops the references so an idle thread keeps no URL alive. */
    void finish() {
        request = null;
        decision = null;
        method = null;
        target = null;
    }
}
