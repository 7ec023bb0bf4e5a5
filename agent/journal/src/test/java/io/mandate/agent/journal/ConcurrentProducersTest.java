package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentProducersTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 10_000;

    @TempDir
    Path dir;

    @Test
    void severalThreadsLoseNothingAndKeepTheirOwnOrder() throws Exception {
        // a small ring forces producers through the full-ring wait many times
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults()
                .ringCapacity(256).fullRingWait(java.time.Duration.ofSeconds(10)));
        CountDownLatch start = new CountDownLatch(1);
        Thread[] producers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            String name = "producer-" + t;
            producers[t] = new Thread(() -> {
                CallRecord call = TestCalls.sample(0);
                call.threadName = name;
                awaitQuietly(start);
                for (int i = 0; i < PER_THREAD; i++) {
                    call.stepId = Integer.toString(i);
                    journal.recordCall(call);
                }
            }, name);
            producers[t].start();
        }
        start.countDown();
        for (Thread producer : producers) {
            producer.join();
        }
        journal.close();
        assertEquals(0, journal.lostEvents());
        assertEquals((long) THREADS * PER_THREAD, journal.writtenEvents());

        Map<String, Integer> nextExpected = new HashMap<>();
        int calls = 0;
        for (JournalEvent event : JournalReader.readAll(dir)) {
            if (!event.type().equals(JournalFormat.CALL)) {
                continue;
            }
            calls++;
            String thread = event.string("threadName");
            int expected = nextExpected.getOrDefault(thread, 0);
            assertEquals(expected, Integer.parseInt(event.string("stepId")), "order of " + thread);
            nextExpected.put(thread, expected + 1);
        }
        assertEquals(THREADS * PER_THREAD, calls);
        assertEquals(THREADS, nextExpected.size());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
