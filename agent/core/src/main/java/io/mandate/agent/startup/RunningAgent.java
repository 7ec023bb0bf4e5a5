package io.mandate.agent.startup;

import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.enforcement.Enforcer;
import io.mandate.agent.instrumentation.AgentServices;

/** What instrumentation modules get from the started agent. */
final class RunningAgent implements AgentServices {
    private final Enforcer enforcer;
    private final InternalErrors errors;

    RunningAgent(Enforcer enforcer, InternalErrors errors) {
        this.enforcer = enforcer;
        this.errors = errors;
    }

    @Override
    public Enforcer enforcer() {
        return enforcer;
    }

    @Override
    public void internalError(String where, Throwable error) {
        errors.report(where, error);
    }
}
