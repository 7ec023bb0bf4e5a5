package io.mandate.agent.instrumentation.jdbc.runtime;

import io.mandate.policy.Request;

/**
 * What the JDBC instrumentation keeps per application thread: the rows it is reading, and the
 * request and in-flight call its next statement reuses when the previous one is recorded. A thread
 * runs one outermost statement at a time (nested ones are not decided), so the reuse is the rule;
 * a statement that finds the call still in flight (its exit never ran) gets new ones.
 */
final class JdbcThreadState {
    final RowTally rows = new RowTally();
    private final Request request = new Request();
    private final InFlightCall call = new InFlightCall();

    /** The thread's request, when its call is free; null when a new one must be made. */
    Request freeRequest() {
        return call.inFlight ? null : request;
    }

    /** The call to start for {@code forRequest}: the thread's own when it holds the thread's request. */
    InFlightCall callFor(Request forRequest) {
        return forRequest == request && !call.inFlight ? call : new InFlightCall();
    }
}
