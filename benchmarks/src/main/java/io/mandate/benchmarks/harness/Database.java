package io.mandate.benchmarks.harness;

/** The database behind the measured select; each has its own no-agent baseline. */
enum Database {
    H2_IN_MEMORY("H2 in-memory"),
    POSTGRESQL("PostgreSQL loopback");

    private final String title;

    Database(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }
}
