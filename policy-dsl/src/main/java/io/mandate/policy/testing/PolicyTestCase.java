package io.mandate.policy.testing;

import io.mandate.policy.Kind;
import io.mandate.policy.Verdict;

import java.util.List;

/**
 * One case of a policy test file: a call in a context, how often it is made, what it consumes,
 * and the decision expected of the last one.
 */
public record PolicyTestCase(String name, int line, Context context, Kind kind, List<Access> accesses, int repeat,
                             String consumeMetric, long consumeAmount, Verdict expected, String expectedRule,
                             String expectedReason) {
    public PolicyTestCase {
        accesses = List.copyOf(accesses);
    }

    public record Access(String operation, String resource) {
    }

    /** The chain context a case's call is made in. */
    public record Context(String agent, String chainId, int chainDepth, String purpose, String user, String stepId,
                          String tool, int hourOfDay, double trust) {
    }
}
