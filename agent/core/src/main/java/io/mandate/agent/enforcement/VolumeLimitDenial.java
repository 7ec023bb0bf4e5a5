package io.mandate.agent.enforcement;

import io.mandate.api.PolicyDenial;

import java.io.InterruptedIOException;

/**
 * Thrown from a read or write that takes a chain over a volume limit ({@code limit http bytes},
 * {@code limit file bytes-read|bytes-written}) in enforce mode. An {@link InterruptedIOException}:
 * an IOException, which every read and write declares, and the one HTTP clients' retry logic treats
 * as final (Apache HttpClient's and OkHttp's retry I/O errors of idempotent requests, but never an
 * interrupted transfer), so a body the policy cut short is not fetched again behind the
 * application's back. A {@link PolicyDenial} to code that wants to tell a refusal from a failure.
 */
public final class VolumeLimitDenial extends InterruptedIOException implements PolicyDenial {
    private static final long serialVersionUID = 1L;

    private final String ruleId;
    private final String reason;

    public VolumeLimitDenial(String message, String ruleId, String reason) {
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
