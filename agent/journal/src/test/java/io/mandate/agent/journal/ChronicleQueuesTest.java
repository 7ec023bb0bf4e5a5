package io.mandate.agent.journal;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleQueuesTest {
    @TempDir
    Path dir;

    @Test
    void theWriterIndexesSixteenThousandEntriesPerArrayAndReadersTakeItFromTheFile() {
        // Chronicle keeps the chunk of every index array it filled mapped until the cycle rolls:
        // 4,096 entries (its default) meant a resident chunk per million events
        try (SingleChronicleQueue writing = ChronicleQueues.forWriting(dir, JournalRollCycle.DAILY)) {
            try (var appender = writing.createAppender(); var dc = appender.writingDocument()) {
                dc.wire().bytes().writeInt(1);
            }
            assertEquals(16_384, writing.indexCount());
            assertEquals(256, writing.indexSpacing());
        }
        // a reader's own builder says nothing about a file: each cycle file's header holds its indexing
        try (SingleChronicleQueue reading = ChronicleQueues.forReading(dir)) {
            SingleChronicleQueueStore store = reading.storeForCycle(reading.lastCycle(), reading.epoch(), false, null);
            try {
                String header = store.dumpHeader();
                assertTrue(header.contains("indexCount: !short 16384,"), header);
                assertTrue(header.contains("indexSpacing: !short 256,"), header);
            } finally {
                reading.closeStore(store);
            }
        }
    }
}
