package io.mandate.policy;

import java.util.Objects;

/**
 * An immutable decision: the verdict, the stable id of the rule that produced it ("file:line",
 * an explicit {@code @id("...")}, "default" or "limit:file:line"), a human reason, and the hash of
 * the policy that decided. Compiled policies pre-build their decisions so the allow path
 * allocates nothing.
 */
public final class Decision {
    private final Verdict verdict;
    private final String ruleId;
    private final String reason;
    private final String policyHash;

    public Decision(Verdict verdict, String ruleId, String reason, String policyHash) {
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.ruleId = ruleId == null ? "" : ruleId;
        this.reason = reason == null ? "" : reason;
        this.policyHash = policyHash == null ? "" : policyHash;
    }

    public Verdict verdict() {
        return verdict;
    }

    public String ruleId() {
        return ruleId;
    }

    public String reason() {
        return reason;
    }

    public String policyHash() {
        return policyHash;
    }

    public boolean denied() {
        return verdict == Verdict.DENY;
    }

    @Override
    public String toString() {
        return verdict + " by " + ruleId + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
