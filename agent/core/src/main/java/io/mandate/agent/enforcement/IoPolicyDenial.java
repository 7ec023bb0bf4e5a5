package io.mandate.agent.enforcement;

import io.mandate.api.PolicyDenial;

import java.io.IOException;

/**
 * Thrown instead of a call the policy denies whose API declares IOException: an HTTP request
 * (every client declares it for a request that could not be made) or a process launch
 * (ProcessBuilder.start declares it for a program that cannot be run). Thrown before any byte
 * leaves or the OS sees the program; a {@link PolicyDenial} to code that wants to tell a refusal
 * from a failure.
 */
public final class IoPolicyDenial extends IOException implements PolicyDenial {
    private static final long serialVersionUID = 1L;

    private final String ruleId;
    private final String reason;

    public IoPolicyDenial(String message, String ruleId, String reason) {
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
