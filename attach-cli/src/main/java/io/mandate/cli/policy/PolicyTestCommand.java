package io.mandate.cli.policy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.mandate.cli.ExitCodes;
import io.mandate.policy.LoadResult;
import io.mandate.policy.testing.PolicyTestReport;
import io.mandate.policy.testing.PolicyTestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mandate policy test FILE [TESTS]}: runs a policy's test cases with the library's runner. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the test cases of a policy: TESTS, or FILE.tests beside the policy.",
                "Prints each failure and a closing 'N passed, N failed' line.",
                "Exit 0 when every case passes, 1 when one fails or nothing could run, 2 on bad usage."})
public final class PolicyTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the policy file")
    Path policyFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TESTS", description = "the test file (default: FILE.tests)")
    Path testFile;

    @Override
    public Integer call() {
        Path tests = testFile != null ? testFile
                : policyFile.resolveSibling(policyFile.getFileName() + PolicyTestRunner.TEST_FILE_SUFFIX);
        LoadResult policy = PolicyFiles.load(policyFile);
        PolicyFiles.requireFile(tests, "test file");
        PrintWriter out = spec.commandLine().getOut();
        if (!policy.ok()) {
            out.print(policy.render());
            out.println(policyFile.getFileName() + " has errors: no test could run");
            out.flush();
            return ExitCodes.FINDINGS;
        }
        PolicyTestReport report = PolicyTestRunner.run(policy.policy(), tests);
        if (report.results().isEmpty() && report.problems().isEmpty()) {
            out.println(tests.getFileName() + " has no test case");
        }
        out.print(report.summary());
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
