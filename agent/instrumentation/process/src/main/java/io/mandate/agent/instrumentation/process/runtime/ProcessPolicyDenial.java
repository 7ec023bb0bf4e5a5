package io.mandate.agent.instrumentation.process.runtime;

import io.mandate.api.PolicyDenial;

import java.io.IOException;
import java.util.Arrays;

/**
 * Thrown instead of launching a process the policy denies, before the operating system sees it.
 * An IOException to the application, as {@code ProcessBuilder.start} declares for a program that
 * cannot be run, and a {@link PolicyDenial} to code that wants to tell the two apart.
 */
public final class ProcessPolicyDenial extends IOException implements PolicyDenial {
    private static final long serialVersionUID = 1L;

    private final String ruleId;
    private final String reason;

    public ProcessPolicyDenial(String message, String ruleId, String reason) {
        super(message);
        this.ruleId = ruleId;
        this.reason = reason;
        setStackTrace(fromTheLauncherOn(getStackTrace()));
    }

    /** The trace as a failed launch shows it: from ProcessBuilder on, without the agent's frames. */
    private static StackTraceElement[] fromTheLauncherOn(StackTraceElement[] trace) {
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
