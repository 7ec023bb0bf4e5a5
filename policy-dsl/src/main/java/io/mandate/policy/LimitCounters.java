package io.mandate.policy;

import io.mandate.policy.ast.LimitScope;
import io.mandate.policy.limit.LimitTables;
import io.mandate.policy.limit.LimitTable;

import java.util.function.LongSupplier;

/**
 * The mutable state of every limit (budgets and rates), kept outside the immutable compiled
 * policy so that a policy reload swaps the policy atomically and keeps the counts: a limit's
 * counters are found by the limit's identity (its agent glob, kind, metric, scope and window),
 * not by the policy object. Thread-safe and lock-free on the hot path; bounded in memory.
 */
public final class LimitCounters {
    private final LimitTables tables = new LimitTables();
    private final LongSupplier nanoClock;

    public LimitCounters() {
        this(System::nanoTime);
    }

    /** Counters on a given clock (monotonic nanoseconds), so rate windows can be tested. */
    public LimitCounters(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Forgets the counters kept for a closed chain (per-chain and per-step budgets and rates). */
    public void chainClosed(String chainId) {
        if (chainId != null && !chainId.isEmpty()) {
            tables.chainClosed(chainId);
        }
    }

    /** The counters of one limit, for compiled policies. */
    public LimitTable table(String limitIdentity, LimitScope scope, long windowNanos) {
        return tables.table(limitIdentity, scope, windowNanos);
    }

    /** Now, on this counters' clock. */
    public long nanoTime() {
        return nanoClock.getAsLong();
    }
}
