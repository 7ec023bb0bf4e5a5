package io.mandate.agent.control;

/** What does not change while the agent runs, as {@code mandate status} shows it. */
public final class AgentFacts {
    final String version;
    final String agent;
    final String onError;
    final String journal;
    final String attach;
    final long startedAtMillis;

    public AgentFacts(String version, String agent, String onError, String journal, String attach, long startedAtMillis) {
        this.version = version;
        this.agent = agent;
        this.onError = onError;
        this.journal = journal;
        this.attach = attach;
        this.startedAtMillis = startedAtMillis;
    }
}
