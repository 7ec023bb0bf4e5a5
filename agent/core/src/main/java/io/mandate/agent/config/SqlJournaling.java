package io.mandate.agent.config;

/** How the journal shows SQL text (setting {@code journalSql}). */
public enum SqlJournaling {
    /** Every literal replaced by {@code ?} and comments dropped: values never reach the journal. */
    REDACTED("redacted"),
    /** The statement as the application sent it (white space collapsed, cut at the journal's bound). */
    VERBATIM("verbatim");

    private final String keyword;

    SqlJournaling(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
