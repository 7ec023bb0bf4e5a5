package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bursts far larger than the ring, recorded the instant the journal opens (before its writer has
 * created a file) and from several threads at once, are held back by backpressure, not lost: with
 * the default options every event is journaled, in order per thread, and the journal verifies.
 */
class BurstTest {
    private static final int BURST = 50_000;

    @TempDir
    Path dir;

    @Test
    void aBurstRightAfterOpenIsNotLost() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults());
        CallRecord call = TestCalls.sample(0);
        for (int i = 0; i < BURST; i++) {
            call.epochNanos = i;
            journal.recordCall(call);
        }
        journal.close();

        assertEquals(0, journal.lostEvents());
        assertEquals(BURST, journal.writtenEvents());
        List<JournalEvent> calls = JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL);
        assertEquals(BURST, calls.size());
        for (int i = 0; i < BURST; i++) {
            assertEquals(i, calls.get(i).epochNanos());
        }
        assertEquals(0, JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.GAP).size());
        VerificationReport report = JournalVerifier.verify(dir, null);
        assertTrue(report.ok(), report.summary());
    }

    @Test
    void burstsFromSeveralThreadsAtOnceAreNotLost() throws Exception {
        int threads = 4;
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults());
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "producer-" + t;
            producers.add(new Thread(() -> {
                CallRecord call = TestCalls.sample(0);
                call.threadName = name;
                for (int i = 0; i < BURST / threads; i++) {
                    call.epochNanos = i;
                    journal.recordCall(call);
                }
            }, name));
        }
        producers.forEach(Thread::start);
        for (Thread producer : producers) {
            producer.join();
        }
        journal.close();

        assertEquals(0, journal.lostEvents());
        List<JournalEvent> calls = JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL);
        assertEquals(BURST, calls.size());
        for (int t = 0; t < threads; t++) {
            String name = "producer-" + t;
            long expected = 0;
            for (JournalEvent call : calls) {
                if (name.equals(call.string("threadName"))) {
                    assertEquals(expected++, call.epochNanos(), "order of " + name);
                }
            }
            assertEquals(BURST / threads, expected);
        }
    }
}
