package io.mandate.agent.control;

/** Takes the agent out of the running JVM (startup implements it: it knows what was installed). */
public interface Detacher {
    /**
     * Stops deciding, restores the original bytecode, journals agent.detach and closes the journal;
     * the control channel closes after its reply. Never throws.
     *
     * @return one line for the operator: what was restored
     */
    String detach();
}
