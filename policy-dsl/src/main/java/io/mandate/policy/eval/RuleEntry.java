package io.mandate.policy.eval;

import io.mandate.policy.match.ResourcePattern;

/** One resource pattern of a rule: a rule with three tables is three entries. */
record RuleEntry(CompiledRule rule, ResourcePattern pattern) {
}
