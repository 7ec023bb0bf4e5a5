package io.mandate.agent.instrumentation.net.runtime;

import io.mandate.api.PolicyDenial;

import java.net.ConnectException;
import java.util.Arrays;

/**
 * Thrown (or, for an asynchronous connect, delivered) instead of a connect or datagram the policy
 * denies, before any packet leaves. A ConnectException, so code that handles a refused connection
 * (retry elsewhere, fail the request) handles it too, and every connect and send API declares it
 * (an IOException); a {@link PolicyDenial} to code that wants to tell the two apart.
 */
public final class NetPolicyDenial extends ConnectException implements PolicyDenial {
    private static final long serialVersionUID = 1L;

    private final String ruleId;
    private final String reason;

    public NetPolicyDenial(String message, String ruleId, String reason) {
        super(message);
        this.ruleId = ruleId;
        this.reason = reason;
        setStackTrace(fromTheJdkOn(getStackTrace()));
    }

    /** The trace as a refused connection shows it: from the JDK's socket method on, without the agent's frames. */
    private static StackTraceElement[] fromTheJdkOn(StackTraceElement[] trace) {
        int first = 0;
        while (first < trace.length && trace[first].getClassName().startsWith("io.mandate.")) {
            first++;
        }
        return first == trace.length ? trace : Arrays.copyOfRange(trace, first, trace.length);
    }

    @Override
    public String ruleId() {
        return ruleId;
    }

    @Override
    public String reason() {
        return reason;
    }
}
