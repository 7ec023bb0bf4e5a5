package io.mandate.cli.policy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mandate.cli.ExitCodes;
import io.mandate.policy.Diagnostic;
import io.mandate.policy.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mandate policy check FILE}: every diagnostic of a policy, rendered like a compiler's. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a policy file (text, or JSON when it ends in .json) and print its errors and warnings.",
                "Exit 0 when it loads (warnings allowed), 1 when it has errors, 2 on bad usage."})
public final class PolicyCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the policy file")
    Path file;

    @Option(names = "--json", description = "print the outcome and the diagnostics as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LoadResult result = PolicyFiles.load(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(result)));
        } else {
            out.print(result.render());
            long warnings = count(result, Diagnostic.Severity.WARNING);
            if (result.ok()) {
                out.printf("%s: ok, policy \"%s\", hash %s%s%n", file.getFileName(), result.policy().name(),
                        result.policy().hash().substring(0, 12), warnings == 0 ? "" : ", " + plural(warnings, "warning"));
            } else {
                out.printf("%s: %s, %s%n", file.getFileName(), plural(count(result, Diagnostic.Severity.ERROR), "error"),
                        plural(warnings, "warning"));
            }
        }
        out.flush();
        return result.ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private ObjectNode toJson(LoadResult result) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("file", file.toString());
        root.put("ok", result.ok());
        if (result.ok()) {
            root.put("policy", result.policy().name());
            root.put("hash", result.policy().hash());
        }
        root.put("errors", count(result, Diagnostic.Severity.ERROR));
        root.put("warnings", count(result, Diagnostic.Severity.WARNING));
        ArrayNode diagnostics = root.putArray("diagnostics");
        for (Diagnostic d : result.diagnostics()) {
            diagnostics.addObject().put("severity", d.severity().name().toLowerCase()).put("source", d.source())
                    .put("line", d.line()).put("column", d.column()).put("message", d.message()).put("hint", d.hint());
        }
        return root;
    }

    private static long count(LoadResult result, Diagnostic.Severity severity) {
        return result.diagnostics().stream().filter(d -> d.severity() == severity).count();
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
