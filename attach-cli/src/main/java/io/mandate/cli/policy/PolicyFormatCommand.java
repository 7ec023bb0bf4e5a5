package io.mandate.cli.policy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.mandate.cli.ExitCodes;
import io.mandate.policy.LoadResult;
import io.mandate.policy.json.PolicyJson;
import io.mandate.policy.text.PolicyFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mandate policy fmt FILE}: the canonical text (or JSON form) of a policy on stdout. */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Print a policy in its canonical form (comments are not kept), or its JSON form with --json.",
                "A policy with errors is not printed: its diagnostics go to stderr and the exit code is 1."})
public final class PolicyFormatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the policy file")
    Path file;

    @Option(names = "--json", description = "print the JSON form instead of the canonical text")
    boolean json;

    @Override
    public Integer call() {
        LoadResult result = PolicyFiles.load(file);
        if (!result.ok() || result.ast() == null) {
            spec.commandLine().getErr().print(result.render());
            spec.commandLine().getErr().flush();
            return ExitCodes.FINDINGS;
        }
        PrintWriter out = spec.commandLine().getOut();
        String text = json ? PolicyJson.write(result.ast()) : PolicyFormatter.format(result.ast());
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        return ExitCodes.OK;
    }
}
