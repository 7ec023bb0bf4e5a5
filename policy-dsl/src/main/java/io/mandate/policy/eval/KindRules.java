package io.mandate.policy.eval;

import io.mandate.policy.Kind;
import io.mandate.policy.ast.Vocabulary;

import java.util.List;

/**
 * The rules and limits of one kind for one set of agent blocks: a tier index per operation and
 * verdict (the last operation slot holds operations the vocabulary does not know, reached only
 * by {@code *} rules), and the limits to charge.
 */
final class KindRules {
    static final int DENY = 0;
    static final int FLAG = 1;
    static final int ALLOW = 2;

    private final String[] operations;
    /** [operation][tier]; null where no rule of that tier exists. */
    final TierIndex[][] tiers;
    final CompiledLimit[] countLimits;
    final CompiledLimit[] volumeLimits;

    KindRules(Kind kind, TierIndex[][] tiers, List<CompiledLimit> countLimits, List<CompiledLimit> volumeLimits) {
        this.operations = Vocabulary.operations(kind).toArray(new String[0]);
        this.tiers = tiers;
        this.countLimits = countLimits.toArray(new CompiledLimit[0]);
        this.volumeLimits = volumeLimits.toArray(new CompiledLimit[0]);
    }

    static int operationSlots(Kind kind) {
        return Vocabulary.operations(kind).size() + 1;
    }

    /** The slot of a requested operation; unknown ones share the last slot. Case-insensitive, allocation-free. */
    int slot(String operation) {
        if (operation != null) {
            for (int i = 0; i < operations.length; i++) {
                String known = operations[i];
                if (known == operation || known.equalsIgnoreCase(operation)) {
                    return i;
                }
            }
        }
        return operations.length;
    }
}
