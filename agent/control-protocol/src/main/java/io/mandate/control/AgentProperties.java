package io.mandate.control;

/**
 * System properties the agent sets in the JVM it runs in, so that {@code mandate attach} can tell,
 * through the attach API's view of the target's properties and before anything is loaded, whether
 * an agent is already there, and afterwards why a start failed (the agent's own message goes to the
 * target's stderr, which the operator's terminal does not see).
 *
 * Not {@code mandate.*}: the agent refuses unknown {@code mandate.} properties as typos of its keys.
 */
public final class AgentProperties {
    /** {@value #RUNNING} or {@value #DETACHED}, with the version after a space; absent without an agent. */
    public static final String STATE = "io.mandate.agent.state";
    public static final String RUNNING = "running";
    public static final String DETACHED = "detached";
    /**
     * Why the last dynamic attach failed to start the agent, one line; removed at the start of each
     * attempt. The launcher on the boot class path writes it under this same literal name.
     */
    public static final String START_FAILURE = "io.mandate.agent.startFailure";

    private AgentProperties() {
    }
}
