package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.policy.Decision;
import io.mandate.policy.Request;

/**
 * The outermost JDBC call a thread is running, between the decision and the journal record. Each
 * thread reuses one ({@link JdbcThreadState}) while no call of its own is in flight, so a call
 * allocates none; the references are stored only when they change (the thread's own request, a
 * cached decision and statement text repeat from call to call), because under G1 a reference
 * stored into a long-lived object costs a StoreLoad fence.
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
    /** True between {@link #start} and {@link #finish} of the thread's reusable call. */
    boolean inFlight;

    InFlightCall start(Request newRequest, Decision newDecision, String newOperation, String newDisplay,
                       long epochNanos, long nanos, Object newBatchStatement, RowTally tally) {
        if (request != newRequest) {
            request = newRequest;
        }
        if (decision != newDecision) {
            decision = newDecision;
        }
        if (operation != newOperation) {
            operation = newOperation;
        }
        if (display != newDisplay) {
            display = newDisplay;
        }
        startEpochNanos = epochNanos;
        startNanos = nanos;
        if (batchStatement != newBatchStatement) {
            batchStatement = newBatchStatement;
        }
        if (rowTally != tally) {
            rowTally = tally;
        }
        inFlight = true;
        return this;
    }

    /** The call is recorded: the statement is not kept alive by the thread, and the call is free again. */
    void finish() {
        batchStatement = null;
        inFlight = false;
    }
}
