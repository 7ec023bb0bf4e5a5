package io.mandate.samples.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.mandate.agent.journal.CorruptJournalException;
import io.mandate.agent.journal.JournalEvent;
import io.mandate.agent.journal.JournalReader;

/**
 * The human summary at the end of the demo, read back from the journal the agent wrote (in a JVM
 * of its own, after the bot's JVM exited and the agent flushed): calls per decision, and every
 * denied or flagged call with its agent, step, SQL, rule and reason. Nothing here comes from the
 * bot: if the agent did not journal it, it is not in the summary.
 *
 * Arguments: journalDirectory
 */
public final class JournalSummary {
    private JournalSummary() {
    }

    public static void main(String[] args) throws CorruptJournalException {
        if (args.length != 1) {
            System.err.println("usage: JournalSummary <journal directory>");
            System.exit(2);
        }
        Path directory = Paths.get(args[0]);
        if (!Files.isDirectory(directory)) {
            System.err.println("no journal at " + directory + ": did the bot run under the agent with journal=" + directory + "?");
            System.exit(1);
        }
        List<JournalEvent> events = JournalReader.readAll(directory);
        System.out.print(summarize(directory, events));
        if (events.stream().noneMatch(e -> e.type().equals("call"))) {
            System.err.println("the journal holds no call: the agent decided nothing");
            System.exit(1);
        }
    }

    /** The summary text of a journal's events. */
    public static String summarize(Path directory, List<JournalEvent> events) {
        Map<String, Integer> perVerdict = new TreeMap<>();
        Set<String> modes = new LinkedHashSet<>();
        Set<String> chains = new LinkedHashSet<>();
        int blocked = 0;
        StringBuilder notable = new StringBuilder();
        for (JournalEvent event : events) {
            if (!event.type().equals("call")) {
                continue;
            }
            String verdict = event.string("verdict");
            perVerdict.merge(verdict, 1, Integer::sum);
            modes.add(event.string("mode"));
            chains.add(event.string("chainId"));
            if (event.flag("blocked")) {
                blocked++;
            }
            if (!verdict.equals("ALLOW")) {
                notable.append(String.format("  %-5s %-8s %s / %s / step %s%n        %s%n        rule %s: %s%n",
                        verdict, event.flag("blocked") ? "BLOCKED" : "recorded", event.string("agent"),
                        event.string("purpose"), event.string("tool"), event.string("resource"),
                        event.string("ruleId"), event.string("reason")));
            }
        }
        int calls = perVerdict.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder();
        text.append("--- Mandate journal ").append(directory).append(" (").append(events.size()).append(" events) ---\n");
        text.append("  mode ").append(String.join(", ", modes)).append("; ").append(chains.size()).append(" chain(s); ")
                .append(calls).append(" call(s): ");
        perVerdict.forEach((verdict, count) -> text.append(verdict).append(' ').append(count).append("  "));
        text.append("(").append(blocked).append(" blocked)\n");
        text.append(notable);
        return text.toString();
    }
}
