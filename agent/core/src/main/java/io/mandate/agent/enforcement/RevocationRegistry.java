package io.mandate.agent.enforcement;

import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.api.ChainRevoker;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chains and agent identities revoked in this JVM. A context is revoked when any chain of its
 * lineage is, so revoking a chain stops everything it delegated to. Revoking an agent identity
 * revokes its calls outside chains, every live chain of it ({@link #revokeAgent}) and every chain
 * of it opened later ({@link #chainOpened}), and so, through the lineage, every chain those
 * delegated to. Until the first revocation the check is one volatile read.
 *
 * Only an operator undoes a revocation ({@link #restoreChain}, {@link #restoreAgent}, through the
 * signed control channel); the application's API can only revoke.
 */
public final class RevocationRegistry implements ChainRevoker {
    /** Told once per change (the agent journals it). */
    public interface Listener {
        void revoked(String chainId, String reason);

        default void restored(String chainId) {
        }

        default void agentRevoked(String agent, String reason) {
        }

        default void agentRestored(String agent) {
        }
    }

    /** The cause recorded for a chain revoked because its agent identity was. */
    static final String AGENT_CAUSE = "agent:";

    /** chain id → "" when revoked itself, or {@link #AGENT_CAUSE} + agent when revoked with its agent. */
    private final Map<String, String> revokedChains = new ConcurrentHashMap<>();
    /** agent identity → the reason given. */
    private final Map<String, String> revokedAgents = new ConcurrentHashMap<>();
    private volatile boolean any;
    private volatile Listener listener;

    public void listener(Listener newListener) {
        listener = newListener;
    }

    // Changes are synchronized so that a restore recomputing `any` never races a revoke into
    // leaving it false; they are rare. Reads never lock.

    @Override
    public synchronized boolean revoke(String chainId, String reason) {
        boolean added = revokedChains.putIfAbsent(chainId, "") == null;
        any = true;
        Listener current = listener;
        if (added && current != null) {
            current.revoked(chainId, reason);
        }
        return added;
    }

    /**
     * Revokes an agent identity and its live chains; true when it was not revoked before.
     *
     * @param liveChainsOfAgent the ids of the chains of {@code agent} open now
     */
    public synchronized boolean revokeAgent(String agent, String reason, Collection<String> liveChainsOfAgent) {
        boolean added = revokedAgents.putIfAbsent(agent, reason) == null;
        any = true;
        Listener current = listener;
        if (added && current != null) {
            current.agentRevoked(agent, reason);
        }
        for (String chainId : liveChainsOfAgent) {
            revokeForAgent(chainId, agent);
        }
        return added;
    }

    /** Called when a chain opens: a chain of a revoked agent identity is revoked from its first call. */
    public void chainOpened(ChainContext chain) {
        if (any && !revokedAgents.isEmpty() && revokedAgents.containsKey(chain.agent())) {
            revokeOpenedChainOfRevokedAgent(chain);
        }
    }

    private synchronized void revokeOpenedChainOfRevokedAgent(ChainContext chain) {
        if (revokedAgents.containsKey(chain.agent())) { // still, now that restores are excluded
            revokeForAgent(chain.chainId(), chain.agent());
        }
    }

    /** Lifts the revocation of one chain (not of chains revoked on their own below it); true when it was revoked. */
    public synchronized boolean restoreChain(String chainId) {
        boolean removed = revokedChains.remove(chainId) != null;
        recomputeAny();
        Listener current = listener;
        if (removed && current != null) {
            current.restored(chainId);
        }
        return removed;
    }

    /** Lifts the revocation of an agent identity and of the chains revoked with it; true when it was revoked. */
    public synchronized boolean restoreAgent(String agent) {
        boolean removed = revokedAgents.remove(agent) != null;
        String cause = AGENT_CAUSE + agent;
        Listener current = listener;
        revokedChains.entrySet().removeIf(entry -> {
            boolean withAgent = entry.getValue().equals(cause);
            if (withAgent && current != null) {
                current.restored(entry.getKey());
            }
            return withAgent;
        });
        recomputeAny();
        if (removed && current != null) {
            current.agentRestored(agent);
        }
        return removed;
    }

    /** True once anything was revoked (and not all restored): lets the hot path skip the lineage walk. */
    public boolean anyRevoked() {
        return any;
    }

    public boolean isRevoked(ChainContext context) {
        if (!any || context == null) {
            return false;
        }
        for (int i = context.lineageLength() - 1; i >= 0; i--) {
            if (revokedChains.containsKey(context.lineage(i))) {
                return true;
            }
        }
        return revokedAgents.containsKey(context.agent());
    }

    /** As {@link #isRevoked(ChainContext)}, for a call made as {@code agent} (the identity outside chains when context is null). */
    public boolean isRevoked(ChainContext context, String agent) {
        if (!any) {
            return false;
        }
        return context != null ? isRevoked(context) : agent != null && revokedAgents.containsKey(agent);
    }

    /** The revoked chains, sorted, each with "" or the agent identity it was revoked with. */
    public Map<String, String> revokedChains() {
        Map<String, String> chains = new TreeMap<>();
        revokedChains.forEach((chain, cause) -> chains.put(chain,
                cause.startsWith(AGENT_CAUSE) ? cause.substring(AGENT_CAUSE.length()) : ""));
        return chains;
    }

    /** The revoked agent identities, sorted, with the reason given. */
    public Map<String, String> revokedAgents() {
        return new TreeMap<>(revokedAgents);
    }

    private void revokeForAgent(String chainId, String agent) {
        boolean added = revokedChains.putIfAbsent(chainId, AGENT_CAUSE + agent) == null;
        Listener current = listener;
        if (added && current != null) {
            current.revoked(chainId, "agent " + agent + " is revoked");
        }
    }

    private void recomputeAny() {
        any = !revokedChains.isEmpty() || !revokedAgents.isEmpty();
    }
}
