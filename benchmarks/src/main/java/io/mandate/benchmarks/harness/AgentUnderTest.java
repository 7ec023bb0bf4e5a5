package io.mandate.benchmarks.harness;

/**
 * Which agent a configuration runs, and the name the app reports when that agent really serves
 * its JVM: a fork whose agent did not attach is a failed measurement, not a fast one.
 */
enum AgentUnderTest {
    NONE(""),
    MANDATE("mandate"),
    OPENTELEMETRY("opentelemetry");

    private final String reportedName;

    AgentUnderTest(String reportedName) {
        this.reportedName = reportedName;
    }

    String reportedName() {
        return reportedName;
    }
}
