package io.mandate.agent.instrumentation.http.common;

import io.mandate.api.PolicyDenial;

import java.io.IOException;
import java.util.Arrays;

/**
 * Thrown instead of sending a request the policy denies, before any byte of it leaves the process.
 * An IOException to the application, as every HTTP client declares for a request that could not be
 * made, and a {@link PolicyDenial} to code that wants to tell a refusal from a network failure.
 */
public final class HttpPolicyDenial extends IOException implements PolicyDenial {
    private static final long serialVersionUID = 1L;

    private final String ruleId;
    private final String reason;

    public HttpPolicyDenial(String message, String ruleId, String reason) {
        super(message);
        this.ruleId = ruleId;
        this.reason = reason;
        setStackTrace(fromTheClientOn(getStackTrace()));
    }

    /** The trace as a failed request shows it: from the client on, without the agent's frames. */
    private static StackTraceElement[] fromTheClientOn(StackTraceElement[] trace) {
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
