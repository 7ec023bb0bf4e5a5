package io.mandate.agent.enforcement;

import java.util.function.Consumer;

import io.mandate.bootstrap.ChainContext;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;

/**
 * What every instrumentation asks before letting a call through: decide it against the current
 * policy in the current chain context, say whether to stop it, and journal it.
 *
 * Implementations are thread-safe, never throw from these methods (an internal error becomes the
 * configured failure mode's decision), and allocate on the allow path only the call's own
 * short-lived objects (see PolicyEnforcer#request).
 */
public interface Enforcer {
    /**
     * A new request for {@code kind}, filled with the current chain context (or the agent's own
     * identity outside any chain). Add accesses, then {@link #decide}.
     */
    Request request(Kind kind);

    /**
     * The same for a given context instead of the current one (null: outside any chain): for
     * volume a thread consumed in a chain it has left since, such as rows of a result set read to
     * the end only after the thread moved on. Implementations without contexts answer {@link #request(Kind)}.
     */
    default Request request(Kind kind, ChainContext context) {
        return request(kind);
    }

    /**
     * As {@link #request(Kind, ChainContext)}, filling {@code reuse} (every field set again) instead
     * of a new request: for a caller that knows when its previous call is fully recorded and keeps
     * one request per thread, so the call allocates none. Implementations that do not reuse answer
     * a request of their own.
     */
    default Request request(Request reuse, Kind kind, ChainContext context) {
        return request(kind, context);
    }

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
     * {@link #record} for a call that consumed {@code units} of a volume metric ("rows") on its own:
     * the journal keeps them so a what-if can replay volume limits. Implementations that keep no
     * journal of units answer {@link #record}.
     */
    default void record(Request request, Decision decision, boolean blocked, String operation, String displayResource,
                        long startEpochNanos, long durationNanos, Throwable error, String unitsMetric, long units) {
        record(request, decision, blocked, operation, displayResource, startEpochNanos, durationNanos, error);
    }

    /**
     * Journals volume that an allowed call went on consuming after it was journaled, e.g. the rows
     * the application read from a statement's result set, as one usage record in the request's
     * context ({@code displayResource} names the call, {@code calls} how many executions of it the
     * units cover). Decides nothing; never throws.
     */
    default void recordUsage(Request request, String operation, String displayResource, String unitsMetric, long units,
                             long calls, long epochNanos) {
    }

    /**
     * Registers {@code hook} to run on the thread that closes a chain or a step, before the close
     * is journaled: a module that holds something back for the context (rows not yet journaled)
     * hands it over there, so it lands in the journal before the chain's close.
     */
    default void onContextClosing(Consumer<ChainContext> hook) {
    }

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
