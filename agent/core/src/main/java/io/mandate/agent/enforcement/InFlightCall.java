package io.mandate.agent.enforcement;

import io.mandate.policy.Decision;
import io.mandate.policy.Request;

/**
 * The call a thread is making, between its decision and its journal record (which needs the
 * call's duration and outcome). Preferably a young object per call: under G1 the references stored
 * into a long-lived, reused holder cost a StoreLoad fence each, more than the allocation.
 */
public final class InFlightCall {
    public Request request;
    public Decision decision;
    /** The call's main operation, as {@link Enforcer#record} takes it. */
    public String operation;
    /** What a person reads in the journal: redacted URL, host:port, command line. */
    public String display;
    public long startEpochNanos;
    public long startNanos;

    public InFlightCall start(Request newRequest, Decision newDecision, String newOperation, String newDisplay,
                              long epochNanos, long nanos) {
        request = newRequest;
        decision = newDecision;
        operation = newOperation;
        display = newDisplay;
        startEpochNanos = epochNanos;
        startNanos = nanos;
        return this;
    }

    /** Drops the references, for a holder that is kept (so an idle thread keeps no request, URL or command line alive). */
    public void finish() {
        request = null;
        decision = null;
        operation = null;
        display = null;
    }
}
