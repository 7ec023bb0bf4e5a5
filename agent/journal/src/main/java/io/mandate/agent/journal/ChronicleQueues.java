package io.mandate.agent.journal;

import java.nio.file.Path;

import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

/** Builds the Chronicle queues behind the writer and the reader, with one set of settings. */
final class ChronicleQueues {
    /**
     * How much of a cycle file the writer keeps mapped at a time. Chronicle's default (64 MiB and
     * more) left every page the writer had filled resident in the host's RSS: ~400 MiB after a few
     * seconds of a tight JDBC loop. Chronicle unmaps a chunk the writer has moved past only some time
     * later, so several chunks stay resident: with 4 MiB chunks (5 MiB mapped each, overlap
     * included) that was 17 to 27 MiB of RSS in a JDBC loop, with 1 MiB chunks it is about 3 MiB,
     * and the writer's CPU per event did not change measurably (remapping every ~11,000 events).
     */
    static final long BLOCK_BYTES = 1L << 20;
    /**
     * The largest record the queue takes is a quarter of a chunk; the writer cuts an event's strings
     * shorter to stay under it, with room for Chronicle's header.
     */
    static final int MAX_RECORD_BYTES = (int) (BLOCK_BYTES / 4) - 1024;
    /**
     * Entries per secondary index array (Chronicle's {@code indexCount}; the spacing stays at the
     * roll cycle's 256). Chronicle keeps the chunk holding each index array it filled mapped until
     * the cycle file rolls; with the roll cycle's 4,096 entries that was a resident chunk per
     * 1,048,576 events (8 to 10 MiB after 12 s of a tight JDBC loop), with 16,384 one per 4,194,304.
     * An array is 128 KiB, well inside a chunk's overlap.
     */
    static final int INDEX_COUNT = 1 << 14;

    private ChronicleQueues() {
    }

    /**
     * Initialises the one Chronicle class that registers a JVM shutdown hook when it initialises
     * (BackgroundResourceReleaser, through PriorityHook), with background release off (see
     * {@link ChronicleSystemProperties#initialiseWithInlineRelease}). A queue first opened after the
     * JVM began to shut down (a short-lived application whose main ended before the writer opened the
     * queue) would fail there with "Shutdown in progress"; initialised beforehand, it opens. Costs the
     * initialisation of Chronicle's Jvm class (~50 ms of CPU), which opening pays anyway.
     */
    static void initialiseReleaser() {
        try {
            ChronicleSystemProperties.initialiseWithInlineRelease(
                    "net.openhft.chronicle.core.io.BackgroundResourceReleaser", ChronicleQueues.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new JournalException("Chronicle's BackgroundResourceReleaser is missing", e);
        }
    }

    static SingleChronicleQueue forWriting(Path directory, JournalRollCycle cycle) {
        return forWriting(directory, cycle, System::currentTimeMillis);
    }

    /** @param time the time that picks each record's cycle file (the writer's {@link WriterClock}) */
    static SingleChronicleQueue forWriting(Path directory, JournalRollCycle cycle, TimeProvider time) {
        return SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(toChronicle(cycle))
                .timeProvider(time)
                .blockSize(BLOCK_BYTES)
                .indexCount(INDEX_COUNT)
                // the writer is a daemon thread that may be interrupted at JVM exit; never abort an append for it
                .checkInterrupts(false)
                .build();
    }

    /** The roll cycle is taken from the queue's own metadata, whatever the writer chose. */
    static SingleChronicleQueue forReading(Path directory) {
        return SingleChronicleQueueBuilder.binary(directory)
                .readOnly(true)
                .checkInterrupts(false)
                .build();
    }

    /**
     * A tailer at the first record of the oldest cycle file present. The cycle range a read-only
     * queue takes from the metadata is stale once files were removed (by retention, or by hand);
     * a tailer started there would find nothing at all.
     */
    static ExcerptTailer tailerAtOldestFile(SingleChronicleQueue queue) {
        ExcerptTailer tailer = queue.createTailer();
        int oldest = oldestCycleFile(queue);
        if (oldest != Integer.MAX_VALUE && oldest != queue.firstCycle()) {
            tailer.moveToCycle(oldest);
        }
        return tailer;
    }

    private static int oldestCycleFile(SingleChronicleQueue queue) {
        RollingResourcesCache names = RetentionSweeper.cycleNames(queue);
        String[] files = queue.file().list();
        int oldest = Integer.MAX_VALUE;
        if (files == null) {
            return oldest;
        }
        for (String name : files) {
            if (name.endsWith(RetentionSweeper.CYCLE_FILE_SUFFIX)) {
                try {
                    oldest = Math.min(oldest,
                            names.parseCount(name.substring(0, name.length() - RetentionSweeper.CYCLE_FILE_SUFFIX.length())));
                } catch (RuntimeException notACycleFile) {
                    // not a file of this queue's roll cycle
                }
            }
        }
        return oldest;
    }

    static RollCycle toChronicle(JournalRollCycle cycle) {
        switch (cycle) {
            case SECONDLY:
                return TestRollCycles.TEST_SECONDLY;
            case FIVE_MINUTELY:
                return RollCycles.FIVE_MINUTELY;
            case HOURLY:
                return RollCycles.FAST_HOURLY;
            case DAILY:
                return RollCycles.FAST_DAILY;
            default:
                throw new IllegalArgumentException("unknown roll cycle " + cycle);
        }
    }
}
