package io.mandate.agent.enforcement;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.api.ChainRevoker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chains revoked in this JVM. A context is revoked when any chain of its lineage is, so revoking
 * a chain stops everything it delegated to. Until the first revocation the check is one volatile read.
 * Revocations are never undone; the set grows only by what operators and applications revoke.
 */
public final class RevocationRegistry implements ChainRevoker {
    /** Told once per newly revoked chain (the agent journals it). */
    public interface Listener {
        void revoked(String chainId, String reason);
    }

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile boolean any;
    private volatile Listener listener;

    public void listener(Listener newListener) {
        listener = newListener;
    }

    @Override
    public boolean revoke(String chainId, String reason) {
        boolean added = revoked.add(chainId);
        any = true;
        Listener current = listener;
        if (added && current != null) {
            current.revoked(chainId, reason);
        }
        return added;
    }

    /** True once anything was revoked: lets the hot path skip the lineage walk. */
    public boolean anyRevoked() {
        return any;
    }

    public boolean isRevoked(ChainContext context) {
        if (!any || context == null) {
            return false;
        }
        for (int i = context.lineageLength() - 1; i >= 0; i--) {
            if (revoked.contains(context.lineage(i))) {
                return true;
            }
        }
        return false;
    }
}
