package io.mandate.cli.suggest;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

import io.mandate.cli.ExitCodes;
import io.mandate.cli.UsageException;
import io.mandate.cli.journal.JournalSource;
import io.mandate.cli.journal.RecordedCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mandate suggest-policy DIR --agent ID}: a least-privilege policy from what an agent was seen doing. */
@Command(name = "suggest-policy", mixinStandardHelpOptions = true,
        description = {"Suggest a least-privilege policy for one agent from the calls the journal shows it making.",
                "Permitted calls become allow rules (tables, hosts, ports, commands exact; more than --siblings paths",
                "under one directory become dir/**; each rule limited to the tools it was seen from). Denied calls stay denied.",
                "The policy goes to stdout; check it with: mandate policy check, and try it with: mandate replay DIR --policy FILE."})
public final class SuggestPolicyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the journal directory")
    Path directory;

    @Option(names = "--agent", required = true, paramLabel = "ID", description = "the agent identity, exactly as journaled")
    String agent;

    @Option(names = "--siblings", paramLabel = "N", defaultValue = "3",
            description = "paths under one directory stay exact up to N, beyond they become dir/** (default: ${DEFAULT-VALUE})")
    int maxSiblings;

    @Override
    public Integer call() {
        if (maxSiblings < 1) {
            throw new UsageException("--siblings must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RecordedCall> calls;
        try (JournalSource source = JournalSource.open(directory, err)) {
            calls = source.readRemaining().stream().filter(RecordedCall::isCall).map(RecordedCall::of).toList();
        }
        if (calls.stream().noneMatch(c -> c.agent().equals(agent) && c.permitted())) {
            throw new UsageException("the journal shows no permitted call of agent '" + agent + "' to learn from");
        }
        PolicySuggester.Suggestion suggestion = new PolicySuggester(maxSiblings, ZoneId.systemDefault()).suggest(agent, calls);
        out.println("# Suggested by mandate suggest-policy for agent \"" + agent + "\" from " + directory);
        out.println("# Learned from " + suggestion.permittedCalls() + " permitted calls; " + suggestion.deniedCalls()
                + " denied calls are not evidence; more than " + maxSiblings + " paths in a directory became dir/**.");
        for (String problem : suggestion.unresolved()) {
            out.println("# NOT kept denied, review: " + problem);
            err.println("mandate: warning: a denied call is permitted by the suggestion: " + problem);
        }
        out.print(suggestion.text());
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
