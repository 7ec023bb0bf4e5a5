package io.mandate.agent.config;

/** What the agent does with a DENY. */
public enum Mode {
    /** Journal every decision, stop nothing (revoked chains excepted). */
    AUDIT("audit"),
    /** Stop denied calls. */
    ENFORCE("enforce");

    private final String keyword;

    Mode(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
