package io.mandate.agent.startup;

import io.mandate.agent.config.AgentConfig;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.enforcement.Enforcer;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.journal.ChronicleJournal;
import io.mandate.agent.journal.Journal;
import io.mandate.agent.journal.RunIdentity;

/** What instrumentation modules get from the started agent. */
final class RunningAgent implements AgentServices {
    private final Enforcer enforcer;
    private final InternalErrors errors;
    private final AgentConfig config;
    private final Journal journal;

    RunningAgent(Enforcer enforcer, InternalErrors errors, AgentConfig config, Journal journal) {
        this.enforcer = enforcer;
        this.errors = errors;
        this.config = config;
        this.journal = journal;
    }

    @Override
    public Enforcer enforcer() {
        return enforcer;
    }

    @Override
    public void internalError(String where, Throwable error) {
        errors.report(where, error);
    }

    @Override
    public AgentConfig config() {
        return config;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    @Override
    public RunIdentity runIdentity() {
        return journal instanceof ChronicleJournal ? ((ChronicleJournal) journal).runIdentity() : null;
    }
}
