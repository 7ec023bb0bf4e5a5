package io.mandate.cli.replay;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.RecordedCall;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.Request;
import io.mandate.policy.Verdict;

/**
 * The what-if's volume limits: charges the units the journal recorded (rows read, the row a
 * budget stopped) to the new policy's limits, in journal order and in each record's context, and
 * says which charges the agent would have journaled as a denial. Mirrors the agent: a denial that
 * stops the reading (enforce mode) is journaled every time, one that does not (audit mode) once
 * per thread, chain and limit; and rows of a statement the new policy would stop are never read.
 */
final class VolumeReplay {
    private static final String USAGE = "usage";
    private static final Decision WITHIN_LIMITS = new Decision(Verdict.ALLOW, "", "within every limit", "");

    private final CompiledPolicy policy;
    private final LimitCounters counters;
    /** Threads whose last statement the new policy would stop: its rows were never read. */
    private final Set<String> stoppedStatements = new HashSet<>();
    /** Per thread, the limit and chain of the last unblocked denial journaled (the agent's once-per-crossing rule). */
    private final Map<String, String> lastUnblockedDenial = new HashMap<>();

    VolumeReplay(CompiledPolicy policy, LimitCounters counters) {
        this.policy = policy;
        this.counters = counters;
    }

    static boolean isUsage(JournalEvent event) {
        return USAGE.equals(event.type());
    }

    /** A call re-decided by its accesses; remembers whether it would stop its statement, then charges its own units. */
    Decision decided(Request request, RecordedCall call, JournalEvent event, Decision decision) {
        String thread = thread(event);
        boolean stops = decision.denied() && enforced(call);
        if (stops) {
            stoppedStatements.add(thread);
        } else {
            stoppedStatements.remove(thread);
        }
        if (decision.denied() || event.units() <= 0 || event.unitsMetric().isEmpty()) {
            return decision;
        }
        Decision over = policy.consume(request, event.unitsMetric(), event.units(), counters);
        return over != null && journaled(thread, call, over) == over ? over : decision;
    }

    /** A call that only charged units (the row a budget stopped): DENY when still over a limit, else ALLOW. */
    Decision recharge(Request request, RecordedCall call, JournalEvent event) {
        Decision over = policy.consume(request, event.unitsMetric(), event.units(), counters);
        if (over == null) {
            return WITHIN_LIMITS;
        }
        lastUnblockedDenial.put(thread(event), over.ruleId() + "\u0000" + call.chainId());
        return over;
    }

    /**
     * A usage record: charges its units; returns the denial the agent would have journaled for
     * them, or null (within the limits, already journaled for this crossing, or never read).
     */
    Decision charge(Request request, RecordedCall call, JournalEvent event) {
        String thread = thread(event);
        if (stoppedStatements.contains(thread)) {
            return null;
        }
        Decision over = policy.consume(request, event.unitsMetric(), event.units(), counters);
        if (over == null) {
            return null;
        }
        Decision journaled = journaled(thread, call, over);
        return journaled == over ? over : null;
    }

    private Decision journaled(String thread, RecordedCall call, Decision over) {
        if (enforced(call)) {
            return over;
        }
        String crossing = over.ruleId() + "\u0000" + call.chainId();
        if (crossing.equals(lastUnblockedDenial.put(thread, crossing))) {
            return WITHIN_LIMITS; // audit: the agent journals a crossing once per thread, chain and limit
        }
        return over;
    }

    private static boolean enforced(RecordedCall call) {
        return "enforce".equals(call.mode());
    }

    private static String thread(JournalEvent event) {
        return event.pid() + "/" + event.writerTag() + "/" + event.string("threadName");
    }
}
