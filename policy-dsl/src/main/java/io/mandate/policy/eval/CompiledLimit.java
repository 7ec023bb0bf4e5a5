package io.mandate.policy.eval;

import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.Request;
import io.mandate.policy.ast.LimitScope;
import io.mandate.policy.limit.LimitTable;

/**
 * A limit ready to count. Its counters live in {@link LimitCounters} under {@link #identity}
 * (agent glob, kind, metric, scope, window) so they survive a reload of the same limit.
 */
final class CompiledLimit {
    final Kind kind;
    final String metric;
    final long max;
    final Decision denial;
    private final String identity;
    private final LimitScope scope;
    private final long windowNanos;

    CompiledLimit(String agentGlob, Kind kind, String metric, long max, LimitScope scope, long windowNanos, Decision denial) {
        this.kind = kind;
        this.metric = metric;
        this.max = max;
        this.scope = scope;
        this.windowNanos = windowNanos;
        this.denial = denial;
        this.identity = agentGlob + "\u0000" + kind.keyword() + "\u0000" + metric + "\u0000" + scope.keyword() + "\u0000" + windowNanos;
    }

    private LimitTable table(LimitCounters counters) {
        return counters.table(identity, scope, windowNanos);
    }

    /** Charges {@code amount} if it fits; false (nothing charged) when it would exceed the limit. */
    boolean tryCharge(Request request, LimitCounters counters, long amount, long now) {
        LimitTable t = table(counters);
        return t.tryCharge(t.counter(request, now), amount, max, now);
    }

    void refund(Request request, LimitCounters counters, long amount, long now) {
        LimitTable t = table(counters);
        t.refund(t.counter(request, now), amount, now);
    }

    /** Adds consumed volume; true while the total is within the limit. */
    boolean add(Request request, LimitCounters counters, long amount, long now) {
        LimitTable t = table(counters);
        return t.add(t.counter(request, now), amount, now) <= max;
    }
}
