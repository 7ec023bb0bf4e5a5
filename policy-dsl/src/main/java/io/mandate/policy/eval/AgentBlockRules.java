package io.mandate.policy.eval;

import io.mandate.policy.Kind;
import io.mandate.policy.match.Glob;

import java.util.List;

/** One agent block, compiled: its glob, and per kind its rule entries by operation slot and tier, and its limits. */
record AgentBlockRules(Glob glob, List<RuleEntry>[][][] entries, List<CompiledLimit> limits) {
    List<RuleEntry> entries(Kind kind, int slot, int tier) {
        return entries[kind.ordinal()][slot][tier];
    }
}
