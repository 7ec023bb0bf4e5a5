package io.mandate.benchmarks.harness;

import java.util.List;

/**
 * One way of running the same app: the JVM flags that attach (or not) an agent, and whether the
 * loop runs inside a Mandate chain. Everything else is identical across configurations.
 *
 * @param id            short stable name, used for file names and {@code --only}
 * @param title         what the results table calls it
 * @param agentJvmFlags the flags that differ from the no-agent run; {@code JOURNAL_DIR} in them
 *                      is replaced by the fork's own journal directory
 * @param expectsDenial the deny probe must be refused by the policy (enforce mode)
 */
record Configuration(
        String id,
        String title,
        Database database,
        AgentUnderTest agent,
        List<String> agentJvmFlags,
        boolean insideChain,
        boolean expectsDenial) {

    static final String JOURNAL_DIR = "${journal}";

    boolean isBaseline() {
        return agent == AgentUnderTest.NONE;
    }
}
