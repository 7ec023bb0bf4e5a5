package io.mandate.policy;

/**
 * The mutable state of every limit (budgets and rates), kept outside the immutable compiled
 * policy so that a policy reload swaps the policy atomically and keeps the counts. Thread-safe.
 */
public final class LimitCounters {
    public LimitCounters() {
    }

    /** Forgets the counters kept for a closed chain (per-chain and per-step budgets). */
    public void chainClosed(String chainId) {
        throw new UnsupportedOperationException("not built yet");
    }
}
