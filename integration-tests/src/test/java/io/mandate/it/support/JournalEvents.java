package io.mandate.it.support;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.mandate.agent.journal.CorruptJournalException;
import io.mandate.agent.journal.JournalEvent;
import io.mandate.agent.journal.JournalReader;

/**
 * A journal directory read back in the JUnit JVM with the journal's own reader, event by event, in
 * the order the agent wrote them. Lookups fail with the whole journal in the message, so a failing
 * assertion shows what the agent did record.
 */
public final class JournalEvents {
    /** The type of a decided call's event; every other type is a lifecycle or journal event. */
    public static final String CALL = "call";

    private final Path directory;
    private final List<JournalEvent> events;

    private JournalEvents(Path directory, List<JournalEvent> events) {
        this.directory = directory;
        this.events = List.copyOf(events);
    }

    /** Reads every event of the journal in {@code directory}; fails on a corrupt record. */
    public static JournalEvents read(Path directory) {
        try {
            return new JournalEvents(directory, JournalReader.readAll(directory));
        } catch (CorruptJournalException e) {
            throw new AssertionError("the journal in " + directory + " is corrupt", e);
        }
    }

    public List<JournalEvent> all() {
        return events;
    }

    public List<JournalEvent> ofType(String type) {
        return filter(e -> e.type().equals(type));
    }

    public List<JournalEvent> calls() {
        return ofType(CALL);
    }

    /** The decided calls made in the chain {@code chainId}, in order. */
    public List<JournalEvent> callsInChain(String chainId) {
        return filter(e -> e.type().equals(CALL) && e.string("chainId").equals(chainId));
    }

    /** The one call made in {@code chainId}; fails when there is none or more than one. */
    public JournalEvent onlyCallInChain(String chainId) {
        return only(callsInChain(chainId), "exactly one call in chain " + chainId);
    }

    /** The one lifecycle event of {@code type} whose attribute {@code key} is {@code value}. */
    public JournalEvent onlyLifecycle(String type, String key, String value) {
        return only(filter(e -> e.type().equals(type) && e.string(key).equals(value)),
                "exactly one " + type + " event with " + key + "=" + value);
    }

    public List<JournalEvent> filter(Predicate<JournalEvent> condition) {
        return events.stream().filter(condition).toList();
    }

    private JournalEvent only(List<JournalEvent> matches, String expectation) {
        if (matches.size() != 1) {
            throw new AssertionError("expected " + expectation + ", found " + matches.size() + "\n" + dump());
        }
        return matches.get(0);
    }

    /** Every event on a line of its own: what a failing assertion shows. */
    public String dump() {
        return "journal " + directory + " (" + events.size() + " events):\n"
                + events.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return dump();
    }
}
