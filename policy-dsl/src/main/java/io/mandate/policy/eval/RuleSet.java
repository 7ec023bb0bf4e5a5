package io.mandate.policy.eval;

import io.mandate.policy.Kind;
import io.mandate.policy.ast.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/** The pooled rules of every agent block that matches one agent identity, indexed by kind. */
final class RuleSet {
    final KindRules[] kinds = new KindRules[Kind.values().length];

    RuleSet(List<AgentBlockRules> blocks) {
        for (Kind kind : Kind.values()) {
            int slots = KindRules.operationSlots(kind);
            TierIndex[][] tiers = new TierIndex[slots][3];
            for (int slot = 0; slot < slots; slot++) {
                for (int tier = 0; tier < 3; tier++) {
                    List<RuleEntry> pooled = new ArrayList<>();
                    for (AgentBlockRules block : blocks) {
                        pooled.addAll(block.entries(kind, slot, tier));
                    }
                    TierIndex index = new TierIndex(pooled);
                    tiers[slot][tier] = index.isEmpty() ? null : index;
                }
            }
            List<CompiledLimit> counts = new ArrayList<>();
            List<CompiledLimit> volumes = new ArrayList<>();
            for (AgentBlockRules block : blocks) {
                for (CompiledLimit limit : block.limits()) {
                    if (limit.kind == kind) {
                        (Vocabulary.isCountMetric(limit.metric) ? counts : volumes).add(limit);
                    }
                }
            }
            kinds[kind.ordinal()] = new KindRules(kind, tiers, counts, volumes);
        }
    }
}
