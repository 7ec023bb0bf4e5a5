package io.mandate.agent.enforcement;

import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;

/**
 * What every instrumentation asks before letting a call through: decide it against the current
 * policy in the current chain context, say whether to stop it, and journal it.
 *
 * Implementations are thread-safe, never throw from these methods (an internal error becomes the
 * configured failure mode's decision), and allocate on the allow path only the call's own
 * short-lived objects (young on purpose: see PolicyEnforcer#request).
 */
public interface Enforcer {
    /**
     * This thread's reusable request, reset for {@code kind} and filled with the current chain
     * context (or the agent's own identity outside any chain). Add accesses, then {@link #decide}.
     */
    Request request(Kind kind);

    /** Decides the request. Revoked chains (and their descendants) are denied in every mode. */
    Decision decide(Request request);

    /** True when the call must be stopped: a DENY in enforce mode, or any call of a revoked chain. */
    boolean blocks(Decision decision);

    /**
     * Journals a decided call once it is over (or at once, when it was blocked).
     *
     * @param displayResource what a person reads: SQL with literals redacted, URL without query
     * @param operation       the call's main operation (the first access's when null)
     * @param error           the exception the call failed with, or null
     */
    void record(Request request, Decision decision, boolean blocked, String operation, String displayResource,
                long startEpochNanos, long durationNanos, Throwable error);

    /**
     * Charges a volume metric (rows read, bytes) to the request's context. Returns null while
     * every limit holds. When a limit is exceeded it returns that limit's DENY decision, for the
     * caller to journal with {@link #record} and to stop the call with only when {@link #blocks}
     * says so. Audit mode must journal what enforce mode would have stopped, but the volume keeps
     * flowing there: so an unblocked decision is returned once per thread, chain and limit, not
     * for every row or byte past it.
     */
    Decision consume(Request request, String metric, long amount);

    /** True when the policy meters {@code metric} for {@code kind}: lets callers skip counting. */
    boolean meters(Kind kind, String metric);
}
