package io.mandate.cli.replay;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.RecordedCall;

/**
 * The replay filters. Every filter given must hold. {@code --agent} is a glob ({@code *} any run);
 * {@code --chain} keeps the chain and every chain delegated from it, at any depth;
 * {@code --decision} and {@code --op} only ever keep calls; times bound the event's timestamp.
 */
public final class EventFilter {
    private final Pattern agent;
    private final String chain;
    private final Set<String> decisions;
    private final String operation;
    private final Instant since;
    private final Instant until;
    private final ChainLineage lineage = new ChainLineage();

    public EventFilter(String agentGlob, String chain, Set<String> decisions, String operation, Instant since,
                       Instant until) {
        this.agent = agentGlob == null ? null : glob(agentGlob);
        this.chain = chain;
        this.decisions = decisions == null || decisions.isEmpty() ? null : decisions;
        this.operation = operation == null ? null : operation.toLowerCase(Locale.ROOT);
        this.since = since;
        this.until = until;
    }

    public static EventFilter all() {
        return new EventFilter(null, null, null, null, null, null);
    }

    /** Feed every event read, matching or not, so chain lineage is known when its children come. */
    public boolean test(JournalEvent event) {
        if (chain != null) {
            lineage.learn(event); // only --chain asks it
        }
        if (since != null || until != null) {
            Instant time = Instant.ofEpochSecond(0, event.epochNanos());
            if (since != null && time.isBefore(since) || until != null && time.isAfter(until)) {
                return false;
            }
        }
        if (agent != null && !agent.matcher(event.string("agent")).matches()) {
            return false;
        }
        if (chain != null && !lineage.descendsFrom(event.string("chainId"), chain)) {
            return false;
        }
        boolean call = RecordedCall.isCall(event);
        if (decisions != null && !(call && decisions.contains(event.string("verdict")))) {
            return false;
        }
        return operation == null || call && touches(event, operation);
    }

    private static boolean touches(JournalEvent call, String operation) {
        if (call.string("operation").toLowerCase(Locale.ROOT).equals(operation)) {
            return true;
        }
        return call.accesses().stream().anyMatch(a -> a.operation().toLowerCase(Locale.ROOT).equals(operation));
    }

    private static Pattern glob(String glob) {
        return Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
