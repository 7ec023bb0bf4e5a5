package io.mandate.api.spi;

import io.mandate.api.Chain;
import io.mandate.api.MandateContext;
import io.mandate.api.Step;

/** The backend when no agent is attached: every scope is inert and there is never a context. */
public final class NoopBackend implements MandateBackend {
    public static final NoopBackend INSTANCE = new NoopBackend();

    private static final Chain NO_CHAIN = new Chain() {
        @Override public String id() { return ""; }
        @Override public MandateContext context() { return null; }
        @Override public void close() { }
    };

    private static final Step NO_STEP = new Step() {
        @Override public String id() { return ""; }
        @Override public String tool() { return ""; }
        @Override public void failed(Throwable error) { }
        @Override public void close() { }
    };

    private NoopBackend() {
    }

    @Override public Chain openChain(String agent, String purpose, String user) { return NO_CHAIN; }

    @Override public Chain delegate(String childAgent, String purpose) { return NO_CHAIN; }

    @Override public Step openStep(String tool, String argumentsDigest) { return NO_STEP; }

    @Override public MandateContext current() { return null; }

    @Override public boolean revokeChain(String chainId, String reason) { return false; }
}
