package io.mandate.cli.journal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.mandate.agent.journal.CorruptJournalException;
import io.mandate.agent.journal.JournalEvent;
import io.mandate.agent.journal.JournalException;
import io.mandate.agent.journal.JournalReader;
import io.mandate.cli.UsageException;

/**
 * A journal directory opened for the commands: refuses, in one line, a directory that is missing
 * or holds no Chronicle queue, and reads past damaged records, warning once per record on stderr,
 * so one torn record never hides the rest of an audit trail.
 */
public final class JournalSource implements AutoCloseable {
    private static final int WARNED_RECORDS = 5;

    private final JournalReader reader;
    private final PrintWriter warnings;
    private int damagedRecords;

    static final long WAIT_POLL_MILLIS = 50;

    private JournalSource(JournalReader reader, PrintWriter warnings) {
        this.reader = reader;
        this.warnings = warnings;
    }

    /** Opens {@code directory}; throws {@link UsageException} when it is not a journal. */
    public static JournalSource open(Path directory, PrintWriter warnings) {
        if (!Files.isDirectory(directory)) {
            throw new UsageException("no journal directory at " + directory);
        }
        if (!holdsQueueFiles(directory)) {
            throw new UsageException(directory + " is not a Mandate journal (no Chronicle cycle file *.cq4 in it)");
        }
        try {
            return new JournalSource(JournalReader.open(directory), warnings);
        } catch (JournalException e) {
            throw new UsageException(directory + " is not a readable Mandate journal: " + e.getMessage());
        }
    }

    /**
     * As {@link #open}, for a follower: a directory that holds no journal yet (the application has
     * not started, or its writer has not appended its first event) is waited for, said once on
     * {@code warnings}, and looked at again every {@value #WAIT_POLL_MILLIS} ms until {@code
     * deadlineNanos} ({@link System#nanoTime()}), after which it is refused as {@link #open} refuses it.
     */
    public static JournalSource openWhenWritten(Path directory, PrintWriter warnings, long deadlineNanos) {
        boolean told = false;
        while (!(Files.isDirectory(directory) && holdsQueueFiles(directory)) && System.nanoTime() - deadlineNanos < 0) {
            if (!told) {
                warnings.println("mandate: waiting for a journal to be written in " + directory);
                warnings.flush();
                told = true;
            }
            try {
                Thread.sleep(WAIT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return open(directory, warnings);
    }

    private static boolean holdsQueueFiles(Path directory) {
        // Opening a read-only queue in an arbitrary directory would fail deep in Chronicle, or read a
        // stray table store as an empty journal. A journal always has a cycle file: every writer
        // appends its journal.open event as soon as it starts.
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).anyMatch(n -> n.endsWith(".cq4"));
        } catch (IOException e) {
            throw new UsageException("cannot list " + directory + ": " + e.getMessage());
        }
    }

    /** The next readable event, or null when caught up (a later call returns what was written since). */
    public JournalEvent next() {
        for (;;) {
            try {
                return reader.next();
            } catch (CorruptJournalException e) {
                damagedRecords++;
                // a journal of another format version is damage on every record: name the first few only
                if (damagedRecords <= WARNED_RECORDS || !e.resumable()) {
                    warnings.println("mandate: warning: " + e.getMessage()
                            + (e.resumable() ? ", skipped" : ", nothing after it is readable"));
                } else if (damagedRecords == WARNED_RECORDS + 1) {
                    warnings.println("mandate: warning: more damaged records, skipped; the count follows at the end");
                }
                warnings.flush();
                if (!e.resumable()) {
                    return null;
                }
            }
        }
    }

    /** Every event from the current position to the end written so far. */
    public List<JournalEvent> readRemaining() {
        List<JournalEvent> events = new ArrayList<>();
        for (JournalEvent event = next(); event != null; event = next()) {
            events.add(event);
        }
        return events;
    }

    /** Positions after the last event written so far. */
    public void toEnd() {
        reader.toEnd();
    }

    public int damagedRecords() {
        return damagedRecords;
    }

    @Override
    public void close() {
        if (damagedRecords > WARNED_RECORDS) {
            warnings.println("mandate: warning: " + damagedRecords + " damaged records skipped in all");
            warnings.flush();
        }
        reader.close();
    }

    /** Reads a whole journal. */
    public static List<JournalEvent> readAll(Path directory, PrintWriter warnings) {
        try (JournalSource source = open(directory, warnings)) {
            return source.readRemaining();
        }
    }
}
