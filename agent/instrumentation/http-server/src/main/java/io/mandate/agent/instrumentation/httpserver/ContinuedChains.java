package io.mandate.agent.instrumentation.httpserver;

import io.mandate.agent.instrumentation.lineage.LineageClaims;
import io.mandate.agent.instrumentation.lineage.LineageVerifier;
import io.mandate.agent.instrumentation.lineage.TrustedKeys;
import io.mandate.agent.journal.Journal;
import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.bootstrap.lineage.IncomingLineage;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * What a server does with an incoming request's lineage header. A header the verifier accepts makes
 * the request's handling a chain delegated from the sender's: its parent is the sender's chain, its
 * root the sender's root, its depth one more, its agent this JVM's configured identity; it is opened
 * (chain.open, and lineage.accept with who vouched for it) before the handler runs and closed when
 * the outermost handling returns. A header it refuses is journaled as lineage.reject with the
 * outcome (malformed, forged, untrusted, expired) and what it claimed, and the request runs outside
 * any chain, as one without a header does: decided for this JVM's identity like any call made
 * outside a chain.
 */
final class ContinuedChains implements IncomingLineage.Receiver {
    /** Opens a chain delegated from the current context; production: the agent's API backend. */
    interface Delegation {
        Chain delegate(String childAgent);
    }

    private final LineageVerifier verifier;
    private final String localAgent;
    private final Journal journal;
    private final LongSupplier epochMillis;
    private final BiConsumer<String, Throwable> internalErrors;
    private final Delegation delegation;

    ContinuedChains(LineageVerifier verifier, String localAgent, Journal journal, LongSupplier epochMillis,
                    BiConsumer<String, Throwable> internalErrors) {
        this(verifier, localAgent, journal, epochMillis, internalErrors, childAgent -> Mandate.delegate(childAgent, ""));
    }

    ContinuedChains(LineageVerifier verifier, String localAgent, Journal journal, LongSupplier epochMillis,
                    BiConsumer<String, Throwable> internalErrors, Delegation delegation) {
        this.delegation = delegation;
        this.verifier = verifier;
        this.localAgent = localAgent;
        this.journal = journal;
        this.epochMillis = epochMillis;
        this.internalErrors = internalErrors;
    }

    @Override
    public Runnable begin(String header, String method, String target) {
        if (header == null) {
            return null;
        }
        CallGuard.enter(); // verifying and journaling are agent work
        try {
            LineageVerifier.Verification verification = verifier.verify(header, epochMillis.getAsLong());
            if (!verification.accepted()) {
                journal.recordLifecycle("lineage.reject", rejection(verification, method, target));
                return null;
            }
            return continueChain(verification, method, target);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("lineage.receive", e);
            return null;
        } finally {
            CallGuard.exit();
        }
    }

    private Runnable continueChain(LineageVerifier.Verification verification, String method, String target) {
        LineageClaims claims = verification.claims();
        ChainContext parent = ChainContext.remote(claims.agent(), claims.lineage().toArray(new String[0]),
                claims.stepId());
        ChainContext previous = ContextHolder.attach(parent);
        Chain chain;
        try {
            chain = delegation.delegate(localAgent);
        } catch (RuntimeException | LinkageError e) {
            ContextHolder.restore(previous);
            throw e;
        }
        Map<String, String> accepted = new HashMap<>();
        accepted.put("agent", localAgent);
        accepted.put("chainId", chain.id());
        accepted.put("parentChainId", claims.chainId());
        accepted.put("rootChainId", claims.rootChainId());
        accepted.put("depth", Integer.toString(claims.depth() + 1));
        accepted.put("remoteAgent", claims.agent());
        accepted.put("remoteStepId", claims.stepId());
        accepted.put("remoteRunId", claims.runId());
        accepted.put("trustedBy", verification.trustedBy());
        accepted.put("method", orEmpty(method));
        accepted.put("target", orEmpty(target));
        journal.recordLifecycle("lineage.accept", accepted);
        return () -> {
            try {
                chain.close();
            } finally {
                ContextHolder.restore(previous);
            }
        };
    }

    private static Map<String, String> rejection(LineageVerifier.Verification verification, String method,
                                                 String target) {
        Map<String, String> rejected = new HashMap<>();
        rejected.put("outcome", verification.outcome().name().toLowerCase(Locale.ROOT));
        rejected.put("detail", verification.detail());
        rejected.put("method", orEmpty(method));
        rejected.put("target", orEmpty(target));
        LineageClaims claims = verification.claims();
        if (claims != null) {
            // what the header claimed, to find the sender; none of it is believed
            rejected.put("claimedAgent", claims.agent());
            rejected.put("claimedChainId", claims.chainId());
            rejected.put("claimedRootChainId", claims.rootChainId());
            rejected.put("claimedDepth", Integer.toString(claims.depth()));
            rejected.put("claimedStepId", claims.stepId());
            rejected.put("claimedRunId", claims.runId());
            rejected.put("runKey", TrustedKeys.fingerprint(claims.runPublicKey()));
            rejected.put("expiresAtMillis", Long.toString(claims.expiresAtMillis()));
        }
        return rejected;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
