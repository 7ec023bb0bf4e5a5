package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.policy.Decision;
import io.mandate.policy.Request;

/**
 * The outermost JDBC call a thread is running, between the decision and the journal record.
 * One per thread and reused: only the outermost call of a thread is decided, so there is never
 * more than one in flight per thread.
 */
final class InFlightCall {
    Request request;
    Decision decision;
    String operation;
    String display;
    long startEpochNanos;
    long startNanos;
    /** The statement whose batch the driver resets when the call succeeds; null for single statements. */
    Object batchStatement;

    InFlightCall start(Request newRequest, Decision newDecision, String newOperation, String newDisplay,
                       long epochNanos, long nanos, Object newBatchStatement) {
        request = newRequest;
        decision = newDecision;
        operation = newOperation;
        display = newDisplay;
        startEpochNanos = epochNanos;
        startNanos = nanos;
        batchStatement = newBatchStatement;
        return this;
    }

    /** Drops the references so an idle thread does not keep the last statement or request alive. */
    void finish() {
        request = null;
        decision = null;
        display = null;
        batchStatement = null;
    }
}
