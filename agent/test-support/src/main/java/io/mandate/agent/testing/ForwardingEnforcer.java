package io.mandate.agent.testing;

import io.mandate.agent.enforcement.Enforcer;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;

/**
 * An enforcer that hands every call of the {@link Enforcer} contract to {@link #delegate()}: a test
 * overrides only what it observes or changes. The interface's default methods are not forwarded
 * and so go through this enforcer's own methods, overrides included.
 */
public abstract class ForwardingEnforcer implements Enforcer {
    /** Where calls go; asked at each call, so it may change between them. */
    protected abstract Enforcer delegate();

    @Override
    public Request request(Kind kind) {
        return delegate().request(kind);
    }

    @Override
    public Decision decide(Request request) {
        return delegate().decide(request);
    }

    @Override
    public boolean blocks(Decision decision) {
        return delegate().blocks(decision);
    }

    @Override
    public void record(Request request, Decision decision, boolean blocked, String operation, String displayResource,
                       long startEpochNanos, long durationNanos, Throwable error) {
        delegate().record(request, decision, blocked, operation, displayResource, startEpochNanos, durationNanos, error);
    }

    @Override
    public Decision consume(Request request, String metric, long amount) {
        return delegate().consume(request, metric, amount);
    }

    @Override
    public boolean meters(Kind kind, String metric) {
        return delegate().meters(kind, metric);
    }
}
