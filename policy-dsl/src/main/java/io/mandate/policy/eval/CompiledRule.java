package io.mandate.policy.eval;

import io.mandate.policy.Decision;
import io.mandate.policy.Request;
import io.mandate.policy.Verdict;

/** A rule ready to decide: its place in source order, its condition and its pre-built decision. */
final class CompiledRule {
    final int order;
    final Verdict verdict;
    final Decision decision;
    private final Condition condition; // null: always
    private final boolean unless;

    CompiledRule(int order, Verdict verdict, Decision decision, Condition condition, boolean unless) {
        this.order = order;
        this.verdict = verdict;
        this.decision = decision;
        this.condition = condition;
        this.unless = unless;
    }

    boolean applies(Request request) {
        return condition == null || condition.test(request) != unless;
    }
}
