package io.mandate.agent.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a journal directory event by event, from the start or from a given index. {@link #next()}
 * returns null once it has caught up with the writer; calling it again later returns what was
 * written since, which is how a tail ("--follow") is built. Not thread-safe: one reader per thread.
 */
public final class JournalReader implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final EventDecoder decoder = new EventDecoder();
    private byte[] buffer = new byte[1024];
    private long lastIndex = -1;
    private boolean frameBroken;

    private JournalReader(SingleChronicleQueue queue) {
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /**
     * Opens an existing journal directory read-only.
     *
     * @throws JournalException when it is not a journal directory or cannot be opened
     */
    public static JournalReader open(Path directory) {
        ChronicleSystemProperties.apply();
        if (!Files.isDirectory(directory)) {
            throw new JournalException("no journal directory at " + directory, null);
        }
        try {
            return new JournalReader(ChronicleQueues.forReading(directory));
        } catch (Exception | AssertionError | LinkageError e) {
            throw new JournalException("cannot open the journal in " + directory, e);
        }
    }

    /** Reads every event of a journal; for tests, summaries and small journals. */
    public static List<JournalEvent> readAll(Path directory) throws CorruptJournalException {
        try (JournalReader reader = open(directory)) {
            List<JournalEvent> events = new ArrayList<>();
            for (JournalEvent event = reader.next(); event != null; event = reader.next()) {
                events.add(event);
            }
            return events;
        }
    }

    /** Positions the reader on the event at {@code index} (as returned by {@link JournalEvent#index()}). */
    public boolean moveToIndex(long index) {
        return tailer.moveToIndex(index);
    }

    /** Positions the reader after the last event written so far (for a tail of new events only). */
    public void toEnd() {
        tailer.toEnd();
    }

    /**
     * The next event, or null when there is none yet.
     *
     * @throws CorruptJournalException for a record that does not decode; when it is
     *     {@link CorruptJournalException#resumable() resumable} the next call reads the record after it
     */
    public JournalEvent next() throws CorruptJournalException {
        if (frameBroken) {
            return null;
        }
        long index;
        long position;
        int length;
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            index = dc.index();
            Bytes<?> bytes = dc.wire().bytes();
            position = bytes.readPosition();
            long remaining = bytes.readRemaining();
            if (remaining > JournalFormat.MAX_EVENT_BYTES) {
                // reading it could run past the end of the mapped file (SIGBUS): stop here
                frameBroken = true;
                throw new CorruptJournalException("record frame claims " + remaining + " bytes, more than any event",
                        index, position, false, null);
            }
            length = (int) remaining;
            if (length > buffer.length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
            }
            bytes.read(buffer, 0, length);
        } catch (CorruptJournalException e) {
            throw e;
        } catch (RuntimeException | AssertionError | InternalError e) {
            // Chronicle could not frame the record: nothing after it can be trusted or found
            frameBroken = true;
            throw new CorruptJournalException("unreadable record frame: " + e, lastIndex + 1, -1, false, e);
        }
        lastIndex = index;
        try {
            return decoder.decode(index, buffer, length);
        } catch (EventDecoder.MalformedEventException e) {
            throw new CorruptJournalException(e.getMessage(), index, position, true, e);
        }
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
