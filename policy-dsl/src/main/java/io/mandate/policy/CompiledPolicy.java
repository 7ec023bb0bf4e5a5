package io.mandate.policy;

/**
 * A loaded, validated, immutable policy ready to decide calls. Thread-safe. Never throws on a
 * call: an internal problem becomes a DENY decision naming it.
 */
public interface CompiledPolicy {
    /** The name from {@code policy "..."}. */
    String name();

    /** Hex SHA-256 of the canonical form: the same policy always has the same hash. */
    String hash();

    /** Where it was loaded from (a path or a source name). */
    String source();

    /**
     * Decides a call. Rules of every agent block matching {@link Request#agent()} are pooled: a
     * matching deny wins, else a flag, else an allow, else the default. When the result permits
     * the call, the count limits ("calls", "statements", "requests") are charged one unit and a
     * call over a limit is denied with a reason starting "limit ".
     */
    Decision decide(Request request, LimitCounters counters);

    /**
     * Charges {@code amount} of a volume metric ("rows", "bytes", "bytes-read", "bytes-written")
     * that a call already allowed is consuming, for the request's kind and context. Returns null
     * while within every limit, or the DENY decision of the first limit it exceeds.
     */
    Decision consume(Request request, String metric, long amount, LimitCounters counters);

    /** True when some limit of this policy counts {@code metric} for {@code kind}: lets callers skip metering. */
    boolean meters(Kind kind, String metric);

    /**
     * Whether any rule's condition reads {@code time.hour}: a caller may leave
     * {@link Request#hourOfDay} unset (reading the clock costs as much as a quarter of a decision)
     * when it does not.
     */
    default boolean readsHourOfDay() {
        return true;
    }
}
