package io.mandate.policy.limit;

import io.mandate.policy.Request;
import io.mandate.policy.ast.LimitScope;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one limit, one per scope key: per agent identity, per chain, or per step within
 * its chain. Calls outside any chain (chain id "") count in one bucket per agent. Lock-free: a
 * lookup of an existing counter is a hash-map get and a compare-and-set, with no allocation.
 *
 * Bounded: past {@link #MAX_KEYS} keys in a map, expired rate windows are dropped first, then
 * arbitrary counters, so chains that are never closed cannot exhaust memory; the price is that a
 * very old open budget may start again from zero.
 */
public final class LimitTable {
    static final int MAX_KEYS = 65_536;

    private final LimitScope scope;
    private final long windowNanos;
    private final ConcurrentHashMap<String, AtomicLong> byAgent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> byChain = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicLong>> byStep = new ConcurrentHashMap<>();

    LimitTable(LimitScope scope, long windowNanos) {
        this.scope = scope;
        this.windowNanos = windowNanos;
    }

    /** The counter for the request's scope key, created on first use; {@code nowNanos} is on the counters' clock. */
    public AtomicLong counter(Request request, long nowNanos) {
        String chain = request.chainId();
        if (scope == LimitScope.AGENT || chain.isEmpty()) {
            return counterIn(byAgent, request.agent(), nowNanos);
        }
        if (scope == LimitScope.CHAIN) {
            return counterIn(byChain, chain, nowNanos);
        }
        ConcurrentHashMap<String, AtomicLong> steps = byStep.get(chain);
        if (steps == null) {
            if (byStep.size() >= MAX_KEYS) {
                evictSome(byStep, nowNanos);
            }
            steps = byStep.computeIfAbsent(chain, k -> new ConcurrentHashMap<>());
        }
        return counterIn(steps, request.stepId(), nowNanos);
    }

    private AtomicLong counterIn(ConcurrentHashMap<String, AtomicLong> map, String key, long nowNanos) {
        AtomicLong c = map.get(key);
        if (c != null) {
            return c;
        }
        if (map.size() >= MAX_KEYS) {
            evictSome(map, nowNanos);
        }
        return map.computeIfAbsent(key, k -> new AtomicLong());
    }

    private void evictSome(Map<String, ?> map, long nowNanos) {
        int target = MAX_KEYS * 3 / 4;
        Iterator<?> it = map.values().iterator();
        if (windowNanos > 0) {
            long current = windowIndex(nowNanos);
            while (it.hasNext()) {
                Object v = it.next();
                if (v instanceof AtomicLong a && (a.get() >>> COUNT_BITS) != current) {
                    it.remove();
                }
            }
            it = map.values().iterator();
        }
        while (map.size() > target && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** Forgets the counters of a closed chain and of its steps. */
    void chainClosed(String chainId) {
        byChain.remove(chainId);
        byStep.remove(chainId);
    }

    // ---- counting: a budget counts plainly; a rate packs its window index above the count.

    private static final int COUNT_BITS = 40;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long WINDOW_MASK = (1L << (63 - COUNT_BITS)) - 1;

    private long windowIndex(long nowNanos) {
        return (nowNanos / windowNanos) & WINDOW_MASK;
    }

    /** Adds {@code amount} when the total stays within {@code max}; returns false (and adds nothing) otherwise. */
    public boolean tryCharge(AtomicLong counter, long amount, long max, long nowNanos) {
        while (true) {
            long v = counter.get();
            long used = used(v, nowNanos);
            if (used + amount > max) {
                return false;
            }
            if (counter.compareAndSet(v, pack(used + amount, nowNanos))) {
                return true;
            }
        }
    }

    /** Adds {@code amount} unconditionally (it was already consumed); returns the new total in the window. */
    public long add(AtomicLong counter, long amount, long nowNanos) {
        while (true) {
            long v = counter.get();
            long total = Math.min(COUNT_MASK, used(v, nowNanos) + amount);
            if (counter.compareAndSet(v, pack(total, nowNanos))) {
                return total;
            }
        }
    }

    /** Takes back a charge made in the same window (a later limit denied the call). */
    public void refund(AtomicLong counter, long amount, long nowNanos) {
        while (true) {
            long v = counter.get();
            if (windowNanos > 0 && (v >>> COUNT_BITS) != windowIndex(nowNanos)) {
                return;
            }
            long used = v & COUNT_MASK;
            if (counter.compareAndSet(v, pack(Math.max(0, used - amount), nowNanos))) {
                return;
            }
        }
    }

    private long used(long v, long nowNanos) {
        if (windowNanos == 0) {
            return v;
        }
        return (v >>> COUNT_BITS) == windowIndex(nowNanos) ? v & COUNT_MASK : 0;
    }

    private long pack(long used, long nowNanos) {
        return windowNanos == 0 ? used : (windowIndex(nowNanos) << COUNT_BITS) | Math.min(used, COUNT_MASK);
    }
}
