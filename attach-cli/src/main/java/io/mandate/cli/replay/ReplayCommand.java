package io.mandate.cli.replay;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.ExitCodes;
import io.mandate.cli.UsageException;
import io.mandate.cli.journal.JournalSource;
import io.mandate.cli.journal.RecordedCall;
import io.mandate.cli.policy.PolicyFiles;
import io.mandate.policy.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mandate replay DIR}: the journal as a tree of agents, chains, steps and calls; as JSON
 * Lines; live with {@code --follow}; or re-decided with another policy ({@code --policy}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Show what the agents did: the calls of a journal as a tree agent → chain (delegated chains under their parent) → step → call.",
                "With --policy, re-decide every recorded call with another policy and list the calls whose decision would change."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the journal directory (the agent's journal= option)")
    Path directory;

    @Option(names = "--agent", paramLabel = "GLOB", description = "only this agent identity (* matches any run)")
    String agent;

    @Option(names = "--chain", paramLabel = "ID", description = "only this chain and the chains delegated from it")
    String chain;

    @Option(names = "--decision", paramLabel = "VERDICT", split = ",",
            description = "only calls with these verdicts: allow, flag, deny (comma-separated)")
    List<String> decisions;

    @Option(names = "--op", paramLabel = "OPERATION", description = "only calls with this operation (select, GET, read, exec...)")
    String operation;

    @Option(names = "--since", paramLabel = "TIME", description = "only events at or after TIME: ISO-8601 (2026-11-25T15:00:00Z, 2026-11-25T15:00) or a time ago (30s, 10m, 2h, 1d)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "only events at or before TIME (same forms as --since)")
    String until;

    @Option(names = "--json", description = "JSON Lines: one event per line, every event type (with --policy: one line per changed call, then a summary)")
    boolean json;

    @Option(names = "--no-color", description = "no ANSI colour even on a terminal (also: NO_COLOR set)")
    boolean noColor;

    @Option(names = "--follow", description = "after the events so far, print new events as they are written, one line each, until Ctrl-C")
    boolean follow;

    @Option(names = "--policy", paramLabel = "FILE", description = "what-if: re-decide every recorded call with this policy and list the changes")
    Path whatIfPolicy;

    @Option(names = "--follow-for", paramLabel = "MILLIS",
            description = "with --follow: stop after MILLIS milliseconds (for scripts and tests)")
    long followMillis;

    @Override
    public Integer call() {
        if (follow && whatIfPolicy != null) {
            throw new UsageException("--follow and --policy cannot be combined: what-if replays a finished journal");
        }
        ZoneId zone = ZoneId.systemDefault();
        EventFilter filter = filter(Instant.now(), zone);
        LoadResult policy = whatIfPolicy == null ? null : PolicyFiles.load(whatIfPolicy);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (policy != null && !policy.ok()) {
            err.print(policy.render());
            err.flush();
            throw new UsageException("the what-if policy " + whatIfPolicy + " has errors");
        }
        Style style = json ? Style.plain() : Style.forTerminal(noColor);
        CallLine callLine = new CallLine(style, zone);
        long deadline = followMillis > 0 ? System.nanoTime() + followMillis * 1_000_000L : Long.MAX_VALUE;
        try (JournalSource source = follow ? JournalSource.openWhenWritten(directory, err, deadline)
                : JournalSource.open(directory, err)) {
            if (json && policy == null && !follow) {
                // streamed: a SIEM export of a large journal needs no memory for the whole of it
                JsonLinesWriter lines = new JsonLinesWriter(out);
                for (JournalEvent e = source.next(); e != null; e = source.next()) {
                    if (filter.test(e)) {
                        lines.write(e);
                    }
                }
                lines.flush();
                out.flush();
                return ExitCodes.OK;
            }
            List<JournalEvent> events = source.readRemaining();
            if (policy != null) {
                WhatIf.Outcome outcome = WhatIf.run(events, policy.policy(), filter::test, zone);
                WhatIfRenderer renderer = new WhatIfRenderer(callLine);
                if (json) {
                    renderer.renderJson(outcome, out);
                } else {
                    renderer.render(outcome, policy.policy(), out);
                }
            } else if (follow) {
                LivePrinter printer = new LivePrinter(out, callLine, json);
                events.stream().filter(filter::test).forEach(printer::print);
                out.flush();
                new JournalFollower(source).follow(e -> {
                    if (filter.test(e)) {
                        printer.print(e);
                    }
                }, () -> System.nanoTime() - deadline > 0);
            } else {
                List<RecordedCall> calls = new ArrayList<>();
                for (JournalEvent e : events) {
                    if (filter.test(e) && RecordedCall.isCall(e)) {
                        calls.add(RecordedCall.of(e));
                    }
                }
                new TimelineRenderer(callLine, style).render(Timeline.of(calls), out);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    EventFilter filter(Instant now, ZoneId zone) {
        Set<String> verdicts = null;
        if (decisions != null) {
            verdicts = new LinkedHashSet<>();
            for (String d : decisions) {
                String verdict = d.trim().toUpperCase(Locale.ROOT);
                if (!Set.of("ALLOW", "FLAG", "DENY").contains(verdict)) {
                    throw new UsageException("unknown decision '" + d + "': use allow, flag or deny");
                }
                verdicts.add(verdict);
            }
        }
        return new EventFilter(agent, chain, verdicts, operation,
                since == null ? null : TimeBound.parse(since, now, zone),
                until == null ? null : TimeBound.parse(until, now, zone));
    }
}
