package io.mandate.policy.ast;

/** Whose calls a limit counts together. */
public enum LimitScope {
    CHAIN("chain"), STEP("step"), AGENT("agent");

    private final String keyword;

    LimitScope(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
