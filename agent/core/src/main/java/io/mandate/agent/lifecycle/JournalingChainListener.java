package io.mandate.agent.lifecycle;

import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.enforcement.RevocationRegistry;
import io.mandate.agent.journal.Journal;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.api.ChainLifecycleListener;
import io.mandate.policy.LimitCounters;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Journals the chains and steps the application opens through the API (chain.open, chain.close,
 * step.open, step.close), revocations and their undoing (chain.revoke, chain.restore, agent.revoke,
 * agent.restore), and forgets a closed chain's limit
 * counters so per-chain budgets do not pile up.
 */
public final class JournalingChainListener implements ChainLifecycleListener, RevocationRegistry.Listener {
    private final Journal journal;
    private final LimitCounters counters;
    private final InternalErrors errors;
    private final Consumer<ChainContext> closing;

    public JournalingChainListener(Journal journal, LimitCounters counters, InternalErrors errors) {
        this(journal, counters, errors, context -> { });
    }

    /** @param closing runs before a chain's or step's close is journaled (the enforcer's context-closing hooks) */
    public JournalingChainListener(Journal journal, LimitCounters counters, InternalErrors errors,
                                   Consumer<ChainContext> closing) {
        this.journal = journal;
        this.counters = counters;
        this.errors = errors;
        this.closing = closing;
    }

    private void closing(ChainContext context) {
        try {
            closing.accept(context);
        } catch (RuntimeException | LinkageError e) {
            errors.report("a module's work before a chain closes", e);
        }
    }

    @Override
    public void chainOpened(ChainContext chain) {
        Map<String, String> attributes = chainAttributes(chain);
        attributes.put("parentChainId", chain.parentChainId());
        attributes.put("rootChainId", chain.rootChainId());
        attributes.put("depth", Integer.toString(chain.depth()));
        attributes.put("purpose", chain.purpose());
        attributes.put("user", chain.user());
        record("chain.open", attributes);
    }

    @Override
    public void chainClosed(ChainContext chain) {
        closing(chain);
        record("chain.close", chainAttributes(chain));
        try {
            counters.chainClosed(chain.chainId());
        } catch (RuntimeException | LinkageError e) {
            errors.report("forgetting a closed chain's limit counters", e);
        }
    }

    @Override
    public void stepOpened(ChainContext step) {
        Map<String, String> attributes = stepAttributes(step);
        attributes.put("argumentsDigest", step.argumentsDigest());
        record("step.open", attributes);
    }

    @Override
    public void stepClosed(ChainContext step, Throwable failure) {
        closing(step);
        Map<String, String> attributes = stepAttributes(step);
        attributes.put("error", failure == null ? "" : failure.getClass().getName());
        record("step.close", attributes);
    }

    @Override
    public void revoked(String chainId, String reason) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("chainId", chainId);
        attributes.put("reason", reason);
        record("chain.revoke", attributes);
    }

    @Override
    public void restored(String chainId) {
        record("chain.restore", Map.of("chainId", chainId));
    }

    @Override
    public void agentRevoked(String agent, String reason) {
        record("agent.revoke", Map.of("agent", agent, "reason", reason));
    }

    @Override
    public void agentRestored(String agent) {
        record("agent.restore", Map.of("agent", agent));
    }

    private static Map<String, String> chainAttributes(ChainContext chain) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("agent", chain.agent());
        attributes.put("chainId", chain.chainId());
        return attributes;
    }

    private static Map<String, String> stepAttributes(ChainContext step) {
        Map<String, String> attributes = chainAttributes(step);
        attributes.put("stepId", step.stepId());
        attributes.put("tool", step.tool());
        return attributes;
    }

    private void record(String type, Map<String, String> attributes) {
        try {
            journal.recordLifecycle(type, attributes);
        } catch (RuntimeException | LinkageError e) {
            errors.report("journaling " + type, e);
        }
    }
}
