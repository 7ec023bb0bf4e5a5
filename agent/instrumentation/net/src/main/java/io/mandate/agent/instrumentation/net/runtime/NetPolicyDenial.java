package io.mandate.agent.instrumentation.net.runtime;

import io.mandate.agent.enforcement.DenialStackTrace;
import io.mandate.api.PolicyDenial;

import java.net.ConnectException;

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
        setStackTrace(DenialStackTrace.fromTheInterceptedCallOn(getStackTrace()));
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
