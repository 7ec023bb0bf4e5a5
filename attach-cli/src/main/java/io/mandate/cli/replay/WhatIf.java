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
 * chain.close forgets that chain's counters as the agent does.
 *
 * <p>Volume limits (rows) are replayed over the units the journal recorded: each usage record (the
 * rows read from a statement's result set) and each call that charged units itself (the row a
 * budget stopped) is charged to the new policy's limits in its context, as the agent charges them.
 * A usage record over a new limit is a change ALLOW → DENY, reported as the agent journals it:
 * every time when the reading would be stopped (enforce), once per thread, chain and limit when it
 * would only be recorded (audit); a recorded row denial within the new limits is DENY → ALLOW. The
 * rows of a statement the new policy would stop are not charged: they would never have been read.
 * A call journaled without accesses and units (a row denial of a journal written before units were
 * recorded) or incomplete cannot be re-decided and is only counted.
 */
public final class WhatIf {
    /**
     * A call, or the rows of a usage record, whose verdict would change; {@code oldVerdict} is the
     * recorded one (ALLOW for rows read within every limit the recording agent had).
     */
    public record Change(RecordedCall call, String oldVerdict, Decision decision) {
        public String transition() {
            return oldVerdict + " → " + decision.verdict();
        }
    }

    /**
     * The changed calls among those listed, how many calls were re-decided, how many could not be,
     * and how many usage records (runs of rows) were charged to the new policy's volume limits.
     */
    public record Outcome(List<Change> changes, int decided, int undecidable, int usageRecords) {
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
        VolumeReplay volume = new VolumeReplay(policy, counters);
        List<Change> changes = new ArrayList<>();
        int decided = 0;
        int undecidable = 0;
        int usageRecords = 0;
        for (JournalEvent event : events) {
            boolean show = listed.test(event);
            if ("chain.close".equals(event.type())) {
                counters.chainClosed(event.string("chainId"));
                continue;
            }
            boolean usage = VolumeReplay.isUsage(event);
            if (!RecordedCall.isCall(event) && !usage) {
                continue;
            }
            RecordedCall call = RecordedCall.of(event);
            Kind kind = kindOf(call.kind());
            boolean charges = event.units() > 0 && !event.unitsMetric().isEmpty();
            if (call.incomplete() || kind == null || call.accesses().isEmpty() && !charges) {
                undecidable++;
                continue;
            }
            clock[0] = event.epochNanos();
            fill(request, kind, call, zone);
            if (usage) {
                usageRecords++;
                Decision over = volume.charge(request, call, event);
                if (show && over != null) {
                    changes.add(new Change(call, "ALLOW", over));
                }
                continue;
            }
            Decision decision = call.accesses().isEmpty() ? volume.recharge(request, call, event)
                    : volume.decided(request, call, event, policy.decide(request, counters));
            decided++;
            if (show && !decision.verdict().name().equals(call.verdict())) {
                changes.add(new Change(call, call.verdict(), decision));
            }
        }
        return new Outcome(List.copyOf(changes), decided, undecidable, usageRecords);
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
