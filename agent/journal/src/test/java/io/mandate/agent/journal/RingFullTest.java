package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's idle park is made very long here, so a burst finds a sleeping writer and a ring
 * of 4 slots: without waiting, producers must drop and count; with a wait, they wake the writer.
 */
class RingFullTest {
    private static final int BURST = 200;

    @TempDir
    Path dir;

    @Test
    void withoutWaitLossesAreCountedAndJournaledAsAGap() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults()
                .ringCapacity(4).fullRingWait(Duration.ZERO).maxIdlePark(Duration.ofSeconds(30)));
        waitUntilWriterParksLong(journal);
        CallRecord call = TestCalls.sample(0);
        for (int i = 0; i < BURST; i++) {
            call.stepId = Integer.toString(i);
            journal.recordCall(call);
        }
        journal.close();

        long lost = journal.lostEvents();
        assertTrue(lost > 0, "a 4-slot ring cannot take a burst of " + BURST + " while the writer sleeps");
        assertEquals(BURST, journal.writtenEvents() + lost);
        List<JournalEvent> events = JournalReader.readAll(dir);
        List<JournalEvent> calls = JournalRoundTripTest.ofType(events, JournalFormat.CALL);
        assertEquals(journal.writtenEvents(), calls.size());
        List<JournalEvent> gaps = JournalRoundTripTest.ofType(events, JournalFormat.GAP);
        assertEquals(lost, gaps.stream().mapToLong(g -> g.longField(EventDecoder.LOST)).sum());
        assertEquals(lost, gaps.get(gaps.size() - 1).longField(EventDecoder.TOTAL_LOST));
        JournalEvent close = events.get(events.size() - 1);
        assertEquals(lost, close.longField(EventDecoder.TOTAL_LOST));
        // the events kept are the first ones, in order
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(Integer.toString(i), calls.get(i).string("stepId"));
        }
    }

    @Test
    void withAWaitProducersWakeTheWriterAndNothingIsLost() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults()
                .ringCapacity(4).fullRingWait(Duration.ofSeconds(10)).maxIdlePark(Duration.ofSeconds(30)));
        waitUntilWriterParksLong(journal);
        CallRecord call = TestCalls.sample(0);
        for (int i = 0; i < BURST; i++) {
            journal.recordCall(call);
        }
        journal.close();
        assertEquals(0, journal.lostEvents());
        assertEquals(BURST, journal.writtenEvents());
        assertEquals(BURST, JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL).size());
        assertEquals(0, JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.GAP).size());
    }

    /** The idle park doubles from 10 µs; after a second idle the writer is in a park of about a second. */
    private static void waitUntilWriterParksLong(ChronicleJournal journal) throws InterruptedException {
        journal.flush();
        Thread.sleep(1_000);
    }
}
