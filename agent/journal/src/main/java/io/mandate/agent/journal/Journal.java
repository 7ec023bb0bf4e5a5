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
     * Records a call whose record the caller made for this call alone and never touches again: the
     * journal may keep the record itself instead of a copy (the enforcer's hot path).
     */
    default void recordFreshCall(CallRecord call) {
        recordCall(call);
    }

    /**
     * The record of the journal's next call event, for the caller to fill completely (every {@code
     * set...} method of {@link CallRecord}) and hand back with {@link #publishClaimed} exactly once,
     * on the same thread. The record may hold an earlier call's values until then. The default is a
     * fresh record, published as with {@link #recordFreshCall}.
     */
    default CallRecord claimCall() {
        return new CallRecord();
    }

    /**
     * Publishes a record {@link #claimCall()} returned; {@code complete} false when filling it
     * failed part-way, so the journal counts a lost event instead of writing a mixed one.
     */
    default void publishClaimed(CallRecord claimed, boolean complete) {
        if (complete) {
            recordFreshCall(claimed);
        }
    }

    /**
     * Asks the journal to count every call it is handed from now on (usage records excluded) into
     * {@code tally}, off the calling thread: true when it does, and the caller must then not count
     * them too; false (the default) leaves the counting to the caller. {@link #flush()} returns once
     * every call recorded before it was counted.
     */
    default boolean tallyCallsWith(CallTally tally) {
        return false;
    }

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
