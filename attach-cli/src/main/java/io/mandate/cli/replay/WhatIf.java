package io.mandate.cli.replay;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.RecordedCall;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.Request;

/**
 * Re-decides every recorded call with another policy, in journal order, and keeps the calls whose
 * verdict would change. Each call is rebuilt as the agent asked it: its kind, its recorded
 * (operation, resource) accesses and its context (agent, chain, root, depth, purpose, user, step,
 * tool, hour of day in {@code zone}). Count limits are replayed on the recorded clock, and a
 * chain.close forgets that chain's counters as the agent does; volume limits (rows, bytes) are not
 * recorded, so they cannot deny here. A call journaled without accesses (a row budget stopping a
 * result set: "ResultSet.next()") or incomplete cannot be re-decided and is only counted.
 */
public final class WhatIf {
    /** A call whose verdict would change. */
    public record Change(RecordedCall call, Decision decision) {
        public String transition() {
            return call.verdict() + " → " + decision.verdict();
        }
    }

    /** The changed calls among those listed, how many calls were re-decided, and how many could not be. */
    public record Outcome(List<Change> changes, int decided, int undecidable) {
        /** Count per transition, e.g. "ALLOW → DENY" = 2, in a stable order. */
        public Map<String, Integer> transitions() {
            Map<String, Integer> counts = new TreeMap<>();
            changes.forEach(c -> counts.merge(c.transition(), 1, Integer::sum));
            return counts;
        }
    }

    private WhatIf() {
    }

    /**
     * @param events every event of the journal, in order (limits count all calls, listed or not)
     * @param listed which calls to report when they change (the replay filters)
     */
    public static Outcome run(List<JournalEvent> events, CompiledPolicy policy, Predicate<JournalEvent> listed, ZoneId zone) {
        long[] clock = {0};
        LimitCounters counters = new LimitCounters(() -> clock[0]);
        Request request = new Request();
        List<Change> changes = new ArrayList<>();
        int decided = 0;
        int undecidable = 0;
        for (JournalEvent event : events) {
            boolean show = listed.test(event);
            if ("chain.close".equals(event.type())) {
                counters.chainClosed(event.string("chainId"));
                continue;
            }
            if (!RecordedCall.isCall(event)) {
                continue;
            }
            RecordedCall call = RecordedCall.of(event);
            Kind kind = kindOf(call.kind());
            if (call.incomplete() || kind == null || call.accesses().isEmpty()) {
                undecidable++;
                continue;
            }
            clock[0] = event.epochNanos();
            fill(request, kind, call, zone);
            Decision decision = policy.decide(request, counters);
            decided++;
            if (show && !decision.verdict().name().equals(call.verdict())) {
                changes.add(new Change(call, decision));
            }
        }
        return new Outcome(List.copyOf(changes), decided, undecidable);
    }

    static void fill(Request request, Kind kind, RecordedCall call, ZoneId zone) {
        request.reset(kind).agent(call.agent()).chain(call.chainId(), call.rootChainId(), call.depth(), call.purpose())
                .user(call.user()).step(call.stepId(), call.tool())
                .hourOfDay(Instant.ofEpochSecond(0, call.event().epochNanos()).atZone(zone).getHour());
        for (JournalEvent.Access access : call.accesses()) {
            request.access(access.operation(), access.resource());
        }
    }

    /** The policy kind of a recorded call, or null for a kind this policy library does not know. */
    public static Kind kindOf(String keyword) {
        for (Kind kind : Kind.values()) {
            if (kind.keyword().equals(keyword.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        return null;
    }

    /** Re-decides one call with fresh counters: for checks that do not replay limits. */
    public static Decision decide(CompiledPolicy policy, RecordedCall call, ZoneId zone) {
        Kind kind = kindOf(call.kind());
        if (kind == null) {
            return null;
        }
        Request request = new Request();
        fill(request, kind, call, zone);
        return policy.decide(request, new LimitCounters());
    }
}
