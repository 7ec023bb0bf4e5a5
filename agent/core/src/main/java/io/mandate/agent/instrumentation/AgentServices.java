package io.mandate.agent.instrumentation;

import io.mandate.agent.config.AgentConfig;
import io.mandate.agent.enforcement.Enforcer;
import io.mandate.agent.journal.Journal;
import io.mandate.agent.journal.RunIdentity;

/** What an instrumentation module may use from the running agent. */
public interface AgentServices {
    Enforcer enforcer();

    /**
     * Reports an internal error of the agent in {@code where}: logged once per place (never
     * per call), counted, and journaled. Never throws.
     */
    void internalError(String where, Throwable error);

    // Defaults for the test doubles of modules that need none of these.

    /** The configuration the agent started with, or null in a test double. */
    default AgentConfig config() {
        return null;
    }

    /** The journal, for a module's own lifecycle events (never throws, never blocks on disk); null in a test double. */
    default Journal journal() {
        return null;
    }

    /** This run's identity and signing key, or null when the agent runs without a journal (onError=open). */
    default RunIdentity runIdentity() {
        return null;
    }
}
