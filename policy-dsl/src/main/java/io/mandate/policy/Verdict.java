package io.mandate.policy;

/** What a policy says about a call. FLAG allows the call and marks it for review. */
public enum Verdict {
    ALLOW, FLAG, DENY;

    public boolean permits() {
        return this != DENY;
    }
}
