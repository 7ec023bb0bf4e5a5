package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.policy.Decision;
import io.mandate.policy.Request;

/**
 * The outermost JDBC call a thread is running, between the decision and the journal record.
 * A young object per call rather than one reused per thread: under G1 the references stored into
 * a long-lived object cost a StoreLoad fence each, more than the allocation.
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
    /** The thread's row tally, fetched once for the call: the statement's rows are counted there. */
    RowTally rowTally;

    InFlightCall start(Request newRequest, Decision newDecision, String newOperation, String newDisplay,
                       long epochNanos, long nanos, Object newBatchStatement, RowTally tally) {
        request = newRequest;
        decision = newDecision;
        operation = newOperation;
        display = newDisplay;
        startEpochNanos = epochNanos;
        startNanos = nanos;
        batchStatement = newBatchStatement;
        rowTally = tally;
        return this;
    }
}
