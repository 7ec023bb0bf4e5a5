package io.mandate.cli.policy;

import io.mandate.cli.control.PolicyReloadCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mandate policy}: the commands that work on policy files. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Check, format and test policy files; reload the policy of a running agent.",
        subcommands = {PolicyCheckCommand.class, PolicyFormatCommand.class, PolicyTestCommand.class, PolicyReloadCommand.class})
public final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing policy command: check, fmt, test or reload");
    }
}
