package io.mandate.agent.startup;

import io.mandate.agent.config.AgentConfig;
import io.mandate.agent.config.Mode;
import io.mandate.policy.CompiledPolicy;

/**
 * The one line the agent prints when it started:
 * {@code mandate 0.1.0: enforce, policy support-desk sha256:1a2b3c4d (support.mandate), journal
 * ./mandate-journal, agent support-bot, 3 instrumentations, 412 ms}.
 */
final class StartupLine {
    private static final int HASH_CHARS = 8;

    private StartupLine() {
    }

    static String format(String version, AgentConfig config, CompiledPolicy policy, boolean policyDegraded,
                         boolean journaling, int instrumentations, long startupMillis) {
        StringBuilder line = new StringBuilder("mandate ").append(version).append(": ")
                .append(config.mode().keyword()).append(", ");
        if (policy != null) {
            String hash = policy.hash();
            line.append("policy ").append(policy.name()).append(" sha256:")
                    .append(hash.length() > HASH_CHARS ? hash.substring(0, HASH_CHARS) : hash)
                    .append(" (").append(config.policy()).append(')');
        } else if (policyDegraded) {
            line.append("policy ").append(config.policy()).append(" NOT LOADED (errors above)");
        } else {
            line.append(config.mode() == Mode.ENFORCE ? "no policy: every call is denied"
                    : "no policy: every call is journaled as denied by default");
        }
        line.append(", journal ").append(journaling ? config.journalSetting() : "OFF (could not open "
                + config.journalSetting() + ")");
        line.append(", agent ").append(config.agent());
        line.append(", ").append(instrumentations).append(instrumentations == 1 ? " instrumentation" : " instrumentations");
        line.append(", ").append(startupMillis).append(" ms");
        return line.toString();
    }
}
