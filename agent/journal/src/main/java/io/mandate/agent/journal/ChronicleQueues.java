package io.mandate.agent.journal;

import java.nio.file.Path;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/** Builds the Chronicle queues behind the writer and the reader, with one set of settings. */
final class ChronicleQueues {
    private ChronicleQueues() {
    }

    static SingleChronicleQueue forWriting(Path directory, JournalRollCycle cycle) {
        return SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(toChronicle(cycle))
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

    static RollCycles toChronicle(JournalRollCycle cycle) {
        switch (cycle) {
            case HOURLY:
                return RollCycles.FAST_HOURLY;
            case DAILY:
                return RollCycles.FAST_DAILY;
            default:
                throw new IllegalArgumentException("unknown roll cycle " + cycle);
        }
    }
}
