package io.mandate.agent.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a journal directory event by event, from the start or from a given index. {@link #next()}
 * returns null once it has caught up with the writer; calling it again later returns what was
 * written since, which is how a tail ("--follow") is built. Not thread-safe: one reader per thread.
 */
public final class JournalReader implements AutoCloseable {
    /** Records read back before a jump target: enough for 64 writers interleaved call by call. */
    private static final int REWIND_RECORDS = JournalFormat.KEYFRAME_INTERVAL * 64;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final EventDecoder decoder = new EventDecoder();
    private byte[] buffer = new byte[1024];
    private long lastIndex = -1;
    private boolean frameBroken;

    private JournalReader(SingleChronicleQueue queue) {
        this.queue = queue;
        this.tailer = ChronicleQueues.tailerAtOldestFile(queue);
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

    /**
     * Positions the reader on the event at {@code index} (as returned by {@link JournalEvent#index()}).
     * The calls just before it in the same file are decoded silently first, so the fields they
     * share with the next calls resolve (see {@link JournalFormat#KEYFRAME_INTERVAL}).
     */
    public boolean moveToIndex(long index) {
        if (!tailer.moveToIndex(index)) {
            return false;
        }
        resolveRepeatsBefore(index);
        return true;
    }

    /** Positions the reader after the last event written so far (for a tail of new events only). */
    public void toEnd() {
        tailer.toEnd();
        resolveRepeatsBefore(tailer.index());
    }

    private void resolveRepeatsBefore(long target) {
        decoder.forgetPreviousCalls();
        frameBroken = false;
        RollCycle cycles = queue.rollCycle();
        long sequence = cycles.toSequenceNumber(target);
        long from = cycles.toIndex(cycles.toCycle(target), Math.max(0, sequence - REWIND_RECORDS));
        if (from == target || !tailer.moveToIndex(from)) {
            tailer.moveToIndex(target);
            return;
        }
        for (;;) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                if (dc.index() >= target) {
                    dc.rollbackOnClose(); // leave the target for next()
                    break;
                }
                int length = copy(dc.index(), dc.wire().bytes());
                decoder.decode(dc.index(), buffer, length);
            } catch (EventDecoder.MalformedEventException | CorruptJournalException | RuntimeException e) {
                decoder.forgetPreviousCalls(); // next() reports the damage when it reaches it
            }
        }
    }

    /** Copies the record into the buffer; refuses a length no event can have before touching it (SIGBUS). */
    private int copy(long index, Bytes<?> bytes) throws CorruptJournalException {
        long remaining = bytes.readRemaining();
        if (remaining > JournalFormat.MAX_EVENT_BYTES) {
            throw new CorruptJournalException("record frame claims " + remaining + " bytes, more than any event",
                    index, bytes.readPosition(), false, null);
        }
        int length = (int) remaining;
        if (length > buffer.length) {
            buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        bytes.read(buffer, 0, length);
        return length;
    }

    /**
     * The next event, or null when there is none yet.
     *
     * @throws CorruptJournalException for a record that does not decode; when it is
     *     {@link CorruptJournalException#resumable() resumable} the next call reads the record after it
     */
    public JournalEvent next() throws CorruptJournalException {
        for (;;) {
            JournalEvent event = nextRecord();
            // checkpoints and anchors are integrity metadata (JournalVerifier reads them), not events of the run
            if (event == null || (event.typeCode() != JournalFormat.TYPE_CHECKPOINT
                    && event.typeCode() != JournalFormat.TYPE_ANCHOR)) {
                return event;
            }
        }
    }

    private JournalEvent nextRecord() throws CorruptJournalException {
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
            try {
                length = copy(index, bytes);
            } catch (CorruptJournalException e) {
                frameBroken = true;
                throw e;
            }
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
            decoder.forgetPreviousCalls();
            throw new CorruptJournalException(e.getMessage(), index, position, true, e);
        }
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
