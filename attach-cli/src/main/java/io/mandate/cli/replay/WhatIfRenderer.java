package io.mandate.cli.replay;

import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mandate.cli.journal.RecordedCall;
import io.mandate.policy.CompiledPolicy;

/** Prints a what-if outcome: each changed call with its old and new decision, then the counts. */
public final class WhatIfRenderer {
    private final CallLine callLine;

    public WhatIfRenderer(CallLine callLine) {
        this.callLine = callLine;
    }

    public void render(WhatIf.Outcome outcome, CompiledPolicy policy, PrintWriter out) {
        out.println("what-if: policy \"" + policy.name() + "\" (" + policy.source() + ") over the recorded calls");
        for (WhatIf.Change change : outcome.changes()) {
            RecordedCall call = change.call();
            long units = call.event().units();
            out.println(callLine.time(call.time()) + "  " + call.agent() + " chain " + orDash(call.chainId()) + " tool "
                    + orDash(call.tool()) + "  " + call.kind() + " " + call.operation() + " " + call.resource()
                    + (VolumeReplay.isUsage(call.event()) ? "  (" + units + " " + call.event().unitsMetric() + " read"
                    + (call.event().usageCalls() > 1 ? " in " + call.event().usageCalls() + " executions" : "") + ")" : ""));
            out.println("    " + callLine.verdict(change.oldVerdict()).trim() + " by " + orDash(call.ruleId()) + "  →  "
                    + callLine.verdict(change.decision().verdict().name()).trim() + " by " + orDash(change.decision().ruleId())
                    + (change.decision().reason().isEmpty() ? "" : " (" + change.decision().reason() + ")"));
        }
        out.println(summary(outcome));
    }

    static String summary(WhatIf.Outcome outcome) {
        Map<String, Integer> transitions = outcome.transitions();
        String detail = transitions.isEmpty() ? ""
                : ": " + transitions.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return outcome.changes().size() + " of " + outcome.decided() + " calls"
                + (outcome.usageRecords() == 0 ? "" : " and " + outcome.usageRecords() + " row reads")
                + " would change" + detail
                + (outcome.undecidable() == 0 ? "" : " (" + outcome.undecidable()
                + " not re-decided: no recorded accesses, such as a row budget stopping a result set in a journal"
                + " from before units were recorded, or an incomplete record)");
    }

    /** JSON Lines: one object per changed call, then one summary object. */
    public void renderJson(WhatIf.Outcome outcome, PrintWriter out) {
        for (WhatIf.Change change : outcome.changes()) {
            ObjectNode node = EventJson.toJson(change.call().event());
            node.putObject("whatIf").put("verdict", change.decision().verdict().name())
                    .put("ruleId", change.decision().ruleId()).put("reason", change.decision().reason());
            out.println(EventJson.line(node));
        }
        ObjectNode summary = EventJson.mapper().createObjectNode();
        summary.put("type", "whatIf.summary").put("decided", outcome.decided()).put("changed", outcome.changes().size())
                .put("undecidable", outcome.undecidable()).put("usageRecords", outcome.usageRecords());
        ObjectNode counts = summary.putObject("transitions");
        outcome.transitions().forEach(counts::put);
        out.println(EventJson.line(summary));
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
