package io.mandate.agent.startup;

import io.mandate.agent.config.AgentConfig;
import io.mandate.agent.config.Mode;
import io.mandate.agent.config.OnError;
import io.mandate.bootstrap.launcher.AgentLauncher;
import io.mandate.bootstrap.launcher.StartupFailure;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;

import java.io.PrintStream;

/**
 * Loads the configured policy at start and applies the failure mode to a policy with errors:
 * onError=closed stops the start with the diagnostics, onError=open runs without the policy in audit
 * mode and says so loudly.
 */
final class PolicySetup {
    /** The policy to start with (null when none could be used) and the configuration it leaves. */
    static final class Outcome {
        final CompiledPolicy policy;
        final AgentConfig config;
        final boolean degraded;

        Outcome(CompiledPolicy policy, AgentConfig config, boolean degraded) {
            this.policy = policy;
            this.config = config;
            this.degraded = degraded;
        }
    }

    private PolicySetup() {
    }

    static Outcome load(AgentConfig config, PrintStream err) {
        if (config.policy() == null) {
            return new Outcome(null, config, false);
        }
        LoadResult result = PolicyLoader.load(config.policy());
        if (result.ok()) {
            if (!result.diagnostics().isEmpty()) {
                err.println("mandate: policy " + config.policy() + " has warnings:");
                err.print(withNewline(result.render()));
            }
            return new Outcome(result.policy(), config, false);
        }
        if (config.onError() == OnError.CLOSED) {
            throw new StartupFailure("mandate: policy " + config.policy() + " has errors; onError="
                    + OnError.CLOSED.keyword() + " stops the start:\n" + trimNewline(result.render()),
                    AgentLauncher.EXIT_CONFIG);
        }
        err.println("mandate: WARNING: policy " + config.policy() + " has errors; onError=" + OnError.OPEN.keyword()
                + ": running in AUDIT mode WITHOUT a policy, NOTHING IS ENFORCED");
        err.print(withNewline(result.render()));
        return new Outcome(null, config.withMode(Mode.AUDIT), true);
    }

    private static String withNewline(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }

    private static String trimNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
