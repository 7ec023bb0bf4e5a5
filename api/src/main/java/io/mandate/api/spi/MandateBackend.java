package io.mandate.api.spi;

import io.mandate.api.Chain;
import io.mandate.api.MandateContext;
import io.mandate.api.Step;

/** What the agent plugs in behind {@link io.mandate.api.Mandate}. Not for application use. */
public interface MandateBackend {
    Chain openChain(String agent, String purpose, String user);

    Chain delegate(String childAgent, String purpose);

    Step openStep(String tool, String argumentsDigest);

    /** The current context, or null outside any chain. */
    MandateContext current();

    /** Revokes a chain and everything it delegated to; returns false when not supported. */
    boolean revokeChain(String chainId, String reason);
}
