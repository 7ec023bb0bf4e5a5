package io.mandate.bootstrap.api;

import io.mandate.api.Chain;
import io.mandate.api.MandateContext;
import io.mandate.bootstrap.ChainContext;

final class ChainScope extends Scope implements Chain {
    ChainScope(AgentBackend backend, ChainContext context, ChainContext previous) {
        super(backend, context, previous);
    }

    @Override
    public String id() {
        return context.chainId();
    }

    @Override
    public MandateContext context() {
        return context;
    }

    @Override
    public void close() {
        closeScope();
    }

    @Override
    void notifyClosed() {
        backend.chainClosed(context);
    }
}
