package io.mandate.policy.ast;

/** The window of a rate limit; NONE makes the limit a budget for the life of its scope. */
public enum LimitWindow {
    NONE("", 0), SECOND("second", 1_000_000_000L), MINUTE("minute", 60_000_000_000L), HOUR("hour", 3_600_000_000_000L);

    private final String keyword;
    private final long nanos;

    LimitWindow(String keyword, long nanos) {
        this.keyword = keyword;
        this.nanos = nanos;
    }

    public String keyword() {
        return keyword;
    }

    public long nanos() {
        return nanos;
    }
}
