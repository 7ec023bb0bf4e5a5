package io.mandate.agent.control;

import io.mandate.agent.enforcement.RevocationRegistry;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.api.ChainLifecycleListener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chains open now, for {@code mandate status} and for revoking an agent identity's live
 * chains; it tells the revocation registry of each new chain (a chain of a revoked identity is
 * revoked from its first call) and passes every event on to the next listener (the journal).
 *
 * Bounded: an application that never closes its chains would otherwise grow this without end;
 * beyond {@link #MAX_TRACKED} chains the newest are only counted.
 */
public final class LiveChains implements ChainLifecycleListener {
    static final int MAX_TRACKED = 10_000;

    private final Map<String, ChainContext> open = new ConcurrentHashMap<>();
    private final AtomicLong untracked = new AtomicLong();
    private final RevocationRegistry revocations;
    private final ChainLifecycleListener next;

    public LiveChains(RevocationRegistry revocations, ChainLifecycleListener next) {
        this.revocations = revocations;
        this.next = next;
    }

    @Override
    public void chainOpened(ChainContext chain) {
        if (open.size() < MAX_TRACKED) {
            open.put(chain.chainId(), chain);
        } else {
            untracked.incrementAndGet();
        }
        revocations.chainOpened(chain);
        next.chainOpened(chain);
    }

    @Override
    public void chainClosed(ChainContext chain) {
        open.remove(chain.chainId());
        next.chainClosed(chain);
    }

    @Override
    public void stepOpened(ChainContext step) {
        next.stepOpened(step);
    }

    @Override
    public void stepClosed(ChainContext step, Throwable failure) {
        next.stepClosed(step, failure);
    }

    /** The open chains (without their current step), in no particular order. */
    public Collection<ChainContext> open() {
        return List.copyOf(open.values());
    }

    /** The ids of the open chains of {@code agent}. */
    public List<String> openChainsOf(String agent) {
        List<String> ids = new ArrayList<>();
        for (ChainContext chain : open.values()) {
            if (chain.agent().equals(agent)) {
                ids.add(chain.chainId());
            }
        }
        return ids;
    }

    /** Chains opened while {@link #MAX_TRACKED} were open, which status cannot list. */
    public long untracked() {
        return untracked.get();
    }
}
