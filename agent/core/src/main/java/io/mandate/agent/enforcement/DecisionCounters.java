package io.mandate.agent.enforcement;

import io.mandate.policy.Kind;
import io.mandate.policy.Verdict;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many calls were decided per kind, operation and verdict, and how many were blocked, since
 * the agent started: what {@code mandate status} shows. Counting is a map lookup on strings the
 * instrumentations keep as constants and a {@link LongAdder} increment, no allocation once an
 * operation was seen; operations beyond {@link #MAX_OPERATIONS_PER_KIND} of a kind are counted
 * under {@link #OTHER} so an odd driver cannot grow the table without bound.
 */
public final class DecisionCounters {
    static final int MAX_OPERATIONS_PER_KIND = 64;
    static final String OTHER = "(other)";

    private static final Kind[] KINDS = Kind.values();
    private static final Verdict[] VERDICTS = Verdict.values();

    @SuppressWarnings("unchecked")
    private final Map<String, LongAdder[]>[] byKind = new Map[KINDS.length];
    private final LongAdder blocked = new LongAdder();

    public DecisionCounters() {
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] = new ConcurrentHashMap<>();
        }
    }

    /**
     * {@link #count} from what a journal record says (the journal's writer counts this way); an
     * unknown kind or verdict is not counted.
     */
    void countJournaled(String kindKeyword, String operation, String verdictName, boolean wasBlocked) {
        for (Kind kind : KINDS) {
            if (kind.keyword().equals(kindKeyword)) {
                for (Verdict verdict : VERDICTS) {
                    if (verdict.name().equals(verdictName)) {
                        count(kind, operation == null ? "" : operation, verdict, wasBlocked);
                        return;
                    }
                }
                return;
            }
        }
    }

    void count(Kind kind, String operation, Verdict verdict, boolean wasBlocked) {
        Map<String, LongAdder[]> operations = byKind[kind.ordinal()];
        LongAdder[] adders = operations.get(operation);
        if (adders == null) {
            adders = operations.size() < MAX_OPERATIONS_PER_KIND
                    ? operations.computeIfAbsent(operation, DecisionCounters::newAdders)
                    : operations.computeIfAbsent(OTHER, DecisionCounters::newAdders);
        }
        adders[verdict.ordinal()].increment();
        if (wasBlocked) {
            blocked.increment();
        }
    }

    /** "kind operation VERDICT" → count, sorted, only non-zero counts. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        for (Kind kind : KINDS) {
            byKind[kind.ordinal()].forEach((operation, adders) -> {
                for (Verdict verdict : VERDICTS) {
                    long count = adders[verdict.ordinal()].sum();
                    if (count > 0) {
                        counts.put(kind.keyword() + ' ' + operation + ' ' + verdict.name(), count);
                    }
                }
            });
        }
        return counts;
    }

    /** Calls stopped (a DENY in enforce mode, or a revoked chain). */
    public long blocked() {
        return blocked.sum();
    }

    private static LongAdder[] newAdders(String operation) {
        LongAdder[] adders = new LongAdder[VERDICTS.length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
