package io.mandate.cli.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

import io.mandate.agent.journal.JournalException;
import io.mandate.agent.journal.OperatorKeys;
import io.mandate.cli.UsageException;
import picocli.CommandLine.Option;

/** Options every command to a running agent takes. */
public final class ControlOptions {
    static final String KEY_ENVIRONMENT = "MANDATE_OPERATOR_KEY";

    @Option(names = "--operator-key", paramLabel = "KEY",
            description = "the operator's Ed25519 private key (PEM) to sign the command with; default: $"
                    + KEY_ENVIRONMENT + ". Required for commands that widen access when the agent was started with "
                    + "operatorKey.")
    Path operatorKey;

    /** The key to sign with, or null when none was given. */
    public PrivateKey operatorKey() {
        Path file = operatorKey;
        if (file == null && System.getenv(KEY_ENVIRONMENT) != null && !System.getenv(KEY_ENVIRONMENT).isBlank()) {
            file = Path.of(System.getenv(KEY_ENVIRONMENT));
        }
        if (file == null) {
            return null;
        }
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read the operator key " + file);
        }
        try {
            return OperatorKeys.readPrivateKey(file);
        } catch (JournalException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The channel to the agent in {@code pid}, signing with the operator key when one was given. */
    public AgentChannel channelTo(long pid) {
        if (pid <= 0) {
            throw new UsageException("not a process id: " + pid);
        }
        return AgentChannel.to(pid, operatorKey());
    }
}
