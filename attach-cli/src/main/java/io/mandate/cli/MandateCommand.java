package io.mandate.cli;

import io.mandate.cli.attach.AttachCommand;
import io.mandate.cli.attach.PsCommand;
import io.mandate.cli.control.DetachCommand;
import io.mandate.cli.control.ModeCommand;
import io.mandate.cli.control.RestoreCommand;
import io.mandate.cli.control.RevokeCommand;
import io.mandate.cli.control.StatusCommand;
import io.mandate.cli.policy.PolicyCommand;
import io.mandate.cli.replay.ReplayCommand;
import io.mandate.cli.suggest.SuggestPolicyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code mandate} command; it only dispatches to its subcommands. */
@Command(name = "mandate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runtime identity and control for AI agents on the JVM: check and test policies, replay journals, control running agents.",
        subcommands = {PolicyCommand.class, ReplayCommand.class, SuggestPolicyCommand.class, VerifyCommand.class,
                PsCommand.class, AttachCommand.class, StatusCommand.class, RevokeCommand.class, RestoreCommand.class,
                ModeCommand.class, DetachCommand.class,
                CompletionCommand.class})
public final class MandateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
