package io.mandate.agent.config;

/**
 * How the journal shows an HTTP request's query string (setting {@code journalQuery}). User info
 * ({@code user:password@}) and the fragment are never journaled, whatever this says, nor the value
 * of a parameter whose name says it is a credential ({@code token}, {@code api_key}, {@code password},
 * {@code signature}...). Policies never see the query: this changes only what the journal shows.
 */
public enum QueryJournaling {
    /** No query: {@code https://h/search}. */
    OMIT("omit"),
    /** Parameter names with every value replaced by {@code ?}: {@code https://h/search?q=?&page=?}. */
    REDACTED("redacted"),
    /** The query as sent, except credential-like parameters' values: {@code https://h/search?q=shoes&token=?}. */
    VERBATIM("verbatim");

    private final String keyword;

    QueryJournaling(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
