package io.mandate.agent.instrumentation;

import io.mandate.agent.enforcement.Enforcer;

/** What an instrumentation module may use from the running agent. */
public interface AgentServices {
    Enforcer enforcer();

    /**
     * Reports an internal error of the agent in {@code where}: logged once per place (never
     * per call), counted, and journaled. Never throws.
     */
    void internalError(String where, Throwable error);
}
