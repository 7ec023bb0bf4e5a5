package io.mandate.agent.instrumentation.file.runtime;

import io.mandate.agent.enforcement.DenialStackTrace;
import io.mandate.api.PolicyDenial;

import java.nio.file.AccessDeniedException;

/**
 * Thrown instead of an NIO file operation (Files.*, FileChannel.open, AsynchronousFileChannel.open)
 * the policy denies, before the operating system sees it: the AccessDeniedException the JDK throws
 * for a permission error, naming the file (and the other file of a copy, move or link) as given,
 * with the rule and reason as its reason.
 */
public final class AccessDeniedPolicyDenial extends AccessDeniedException implements PolicyDenial {
    private static final long serialVersionUID = 1L;

    private final String ruleId;
    private final String policyReason;

    public AccessDeniedPolicyDenial(String file, String other, String message, String ruleId, String reason) {
        super(file, other, message);
        this.ruleId = ruleId;
        this.policyReason = reason;
        setStackTrace(DenialStackTrace.fromTheInterceptedCallOn(getStackTrace()));
    }

    @Override
    public String ruleId() {
        return ruleId;
    }

    @Override
    public String reason() {
        return policyReason;
    }
}
