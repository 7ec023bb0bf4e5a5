package io.mandate.agent.journal;

import java.util.Map;

/**
 * Where every decision and lifecycle event goes. Implementations never block the calling thread
 * on disk and never throw: a failure is logged once and counted.
 */
public interface Journal extends AutoCloseable {
    /** Records a decided call; copies the record before returning. */
    void recordCall(CallRecord call);

    /**
     * Records a lifecycle event: "agent.start", "agent.stop", "policy.load", "chain.open",
     * "chain.close", "step.open", "step.close", "agent.error". Attributes are flat strings.
     */
    void recordLifecycle(String type, Map<String, String> attributes);

    /** Makes everything recorded so far durable in the journal files (used at shutdown and by tests). */
    void flush();

    /** Flushes and releases the files. Idempotent. */
    @Override
    void close();
}
