package io.mandate.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;

import io.mandate.agent.journal.JournalException;
import io.mandate.agent.journal.JournalVerifier;
import io.mandate.agent.journal.OperatorKeys;
import io.mandate.agent.journal.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mandate verify DIR}: checks the journal's hash chains and signed checkpoints (see
 * docs/journal.md, "Integrity"); the logic is {@link JournalVerifier}, shared with the tests.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check that a journal was not tampered with: every event chained to its writer's previous one, "
                + "every checkpoint signed by its run's key.",
                "Prints OK with counts, or the first event that was changed, removed, reordered or forged. "
                + "Events after a writer's last checkpoint (a crash, or a running agent) are reported as an unsealed tail: "
                + "consistent, but not authenticated.",
                "Exit status: 0 OK, 1 tampered, 2 usage error."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the journal directory (the agent's journal= option)")
    Path directory;

    @Option(names = "--operator-key", paramLabel = "PUB",
            description = "the operator's Ed25519 public key (PEM): every run key must be certified by it")
    Path operatorKey;

    @Override
    public Integer call() {
        PublicKey operator = null;
        if (operatorKey != null) {
            if (!Files.isReadable(operatorKey)) {
                throw new UsageException("cannot read the operator key " + operatorKey);
            }
            try {
                operator = OperatorKeys.readPublicKey(operatorKey);
            } catch (JournalException e) {
                throw new UsageException(e.getMessage());
            }
        }
        VerificationReport report;
        try {
            report = JournalVerifier.verify(directory, operator);
        } catch (JournalException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.summary());
        out.flush();
        return report.ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
