package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records handed over whole ({@link Journal#recordFreshCall}) are journaled exactly as copies are,
 * and a journal that took over the counting counts every call it was handed: written, or dropped
 * from a full ring; usage records are not calls.
 */
class HandedOverCallsTest {
    @TempDir
    Path dir;

    private final Map<String, AtomicLong> counted = new ConcurrentHashMap<>();

    private void count(String kind, String operation, String verdict, boolean blocked) {
        counted.computeIfAbsent(kind + " " + operation + " " + verdict + (blocked ? " blocked" : ""),
                k -> new AtomicLong()).incrementAndGet();
    }

    @Test
    void aHandedOverRecordIsJournaledLikeACopyAndCountedOnce() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults());
        assertTrue(journal.tallyCallsWith(this::count));
        journal.recordCall(TestCalls.sample(0));
        journal.recordFreshCall(TestCalls.sample(1));
        journal.recordFreshCall(TestCalls.sample(2));
        CallRecord usage = TestCalls.sample(4);
        usage.usage = true;
        usage.unitsMetric = "rows";
        usage.units = 7;
        usage.usageCalls = 1;
        journal.recordFreshCall(usage);
        journal.flush();

        assertEquals(Map.of("jdbc select ALLOW", 2L, "jdbc select DENY blocked", 1L), snapshot());
        journal.close();
        List<JournalEvent> events = JournalReader.readAll(dir);
        List<JournalEvent> calls = JournalRoundTripTest.ofType(events, JournalFormat.CALL);
        assertEquals(3, calls.size());
        for (int i = 0; i < 3; i++) {
            JournalEvent call = calls.get(i);
            CallRecord expected = TestCalls.sample(i);
            assertEquals(expected.stepId, call.string("stepId"));
            assertEquals(expected.chainId, call.string("chainId"));
            assertEquals(expected.verdict, call.string("verdict"));
            assertEquals(List.of("select invoices", "select customers"), call.accesses().stream()
                    .map(a -> a.operation() + " " + a.resource()).toList());
        }
        assertEquals(1, JournalRoundTripTest.ofType(events, JournalFormat.USAGE).size());
    }

    @Test
    void callsDroppedFromAFullRingAreCountedToo() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults()
                .ringCapacity(4).fullRingWait(Duration.ZERO).maxIdlePark(Duration.ofSeconds(30)));
        journal.tallyCallsWith(this::count);
        journal.flush();
        Thread.sleep(1_000); // the idle writer is now in a long park: a burst overflows the ring
        for (int i = 0; i < 200; i++) {
            journal.recordFreshCall(TestCalls.sample(0));
        }
        journal.close();

        assertTrue(journal.lostEvents() > 0, "a 4-slot ring cannot take 200 calls while the writer sleeps");
        assertEquals(Map.of("jdbc select ALLOW", 200L), snapshot());
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        counted.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
