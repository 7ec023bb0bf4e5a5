package io.mandate.cli.policy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mandate policy}: the commands that work on policy files. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Check, format and test policy files.",
        subcommands = {PolicyCheckCommand.class, PolicyFormatCommand.class, PolicyTestCommand.class})
public final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing policy command: check, fmt or test");
    }
}
