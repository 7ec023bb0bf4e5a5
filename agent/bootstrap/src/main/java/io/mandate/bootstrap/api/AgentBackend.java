package io.mandate.bootstrap.api;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.MandateContext;
import io.mandate.api.Step;
import io.mandate.api.spi.MandateBackend;
import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's implementation of the public API, on the boot class path next to
 * {@link Mandate}: chains and steps are {@link ChainContext}s in the {@link ContextHolder}, their
 * opening and closing go to the core's {@link ChainLifecycleListener}, revocations to its
 * {@link ChainRevoker}.
 *
 * A step opened outside any chain runs in a root chain of its own, for the agent identity the
 * agent was configured with, so its calls are still attributed to the tool.
 */
public final class AgentBackend implements MandateBackend {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private final String defaultAgent;
    private final ChainLifecycleListener listener;
    private final ChainRevoker revoker;
    private final ChainIds ids = new ChainIds();

    AgentBackend(String defaultAgent, ChainLifecycleListener listener, ChainRevoker revoker) {
        this.defaultAgent = defaultAgent;
        this.listener = listener;
        this.revoker = revoker;
    }

    /**
     * Makes this backend answer {@link Mandate}. Once per JVM: the agent calls it at start, so a later
     * caller (application code included) is refused.
     */
    public static MandateBackend install(String defaultAgent, ChainLifecycleListener listener, ChainRevoker revoker) {
        if (!INSTALLED.compareAndSet(false, true)) {
            throw new IllegalStateException("the Mandate backend is already installed");
        }
        AgentBackend backend = new AgentBackend(defaultAgent, listener, revoker);
        Mandate.installBackend(backend);
        return backend;
    }

    @Override
    public Chain openChain(String agent, String purpose, String user) {
        // No name: the configured identity, as for calls outside chains (frameworks' chains know no agent name).
        ChainContext chain = ChainContext.root(agent == null || agent.isEmpty() ? defaultAgent : agent, ids.nextChainId(),
                purpose, user);
        ChainScope scope = new ChainScope(this, chain, ContextHolder.attach(chain));
        ScopeStack.current().push(scope);
        chainOpened(chain);
        return scope;
    }

    @Override
    public Chain delegate(String childAgent, String purpose) {
        ChainContext current = ContextHolder.current();
        if (current == null) {
            return openChain(childAgent, purpose, "");
        }
        ChainContext child = current.child(childAgent, ids.nextChainId(), purpose);
        ChainScope scope = new ChainScope(this, child, ContextHolder.attach(child));
        ScopeStack.current().push(scope);
        chainOpened(child);
        return scope;
    }

    @Override
    public Step openStep(String tool, String argumentsDigest) {
        ChainContext current = ContextHolder.current();
        ChainContext implicitChain = null;
        if (current == null) {
            implicitChain = ChainContext.root(defaultAgent, ids.nextChainId(), "", "");
            chainOpened(implicitChain);
        }
        ChainContext chain = implicitChain != null ? implicitChain : current;
        ChainContext step = chain.withStep(ids.nextStepId(), tool, argumentsDigest);
        StepScope scope = new StepScope(this, step, ContextHolder.attach(step), implicitChain);
        ScopeStack.current().push(scope);
        stepOpened(step);
        return scope;
    }

    @Override
    public MandateContext current() {
        return ContextHolder.current();
    }

    @Override
    public boolean revokeChain(String chainId, String reason) {
        if (chainId == null || chainId.isEmpty()) {
            return false;
        }
        CallGuard.enter();
        try {
            return revoker.revoke(chainId, reason == null ? "" : reason);
        } finally {
            CallGuard.exit();
        }
    }

    // The listener journals: its own file work must not be intercepted, and nothing it does may
    // reach the application as an exception.

    private void chainOpened(ChainContext chain) {
        CallGuard.enter();
        try {
            listener.chainOpened(chain);
        } catch (RuntimeException | LinkageError ignored) {
            // the core reports its own failures; the application's chain goes on
        } finally {
            CallGuard.exit();
        }
    }

    void chainClosed(ChainContext chain) {
        CallGuard.enter();
        try {
            listener.chainClosed(chain);
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        } finally {
            CallGuard.exit();
        }
    }

    private void stepOpened(ChainContext step) {
        CallGuard.enter();
        try {
            listener.stepOpened(step);
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        } finally {
            CallGuard.exit();
        }
    }

    void stepClosed(ChainContext step, Throwable failure) {
        CallGuard.enter();
        try {
            listener.stepClosed(step, failure);
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        } finally {
            CallGuard.exit();
        }
    }
}
