package io.mandate.agent.config;

/** What the agent does when it cannot decide: a policy with errors at start, or an internal error. */
public enum OnError {
    /** Let calls through (the policy with errors: run in audit mode), and say so. */
    OPEN("open"),
    /** Refuse: the JVM does not start, a call that cannot be decided is denied. */
    CLOSED("closed");

    private final String keyword;

    OnError(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
