package io.mandate.cli.attach;

/**
 * One JVM of this user as {@code mandate ps} lists it: its main class (or jar), and what its agent
 * said about itself, when it has one that answers.
 */
record LocalJvm(long pid, String mainClass, Agent agent) {
    /** The agent's answer to {@code status}; {@code mode} is "?" when a socket is there but nobody answered. */
    record Agent(String mode, String policyName, String policyHash, String version) {
    }

    boolean hasAgent() {
        return agent != null;
    }
}
