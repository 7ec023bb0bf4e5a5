package io.mandate.bootstrap.api;

import io.mandate.api.Step;
import io.mandate.bootstrap.ChainContext;

final class StepScope extends Scope implements Step {
    /** The chain opened for this step alone when it was opened outside any chain, else null. */
    private final ChainContext implicitChain;
    private volatile Throwable failure;

    StepScope(AgentBackend backend, ChainContext context, ChainContext previous, ChainContext implicitChain) {
        super(backend, context, previous);
        this.implicitChain = implicitChain;
    }

    @Override
    public String id() {
        return context.stepId();
    }

    @Override
    public String tool() {
        return context.tool();
    }

    @Override
    public void failed(Throwable error) {
        failure = error;
    }

    @Override
    public void close() {
        closeScope();
    }

    @Override
    void notifyClosed() {
        backend.stepClosed(context, failure);
        if (implicitChain != null) {
            backend.chainClosed(implicitChain);
        }
    }
}
