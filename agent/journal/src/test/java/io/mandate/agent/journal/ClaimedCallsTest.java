package io.mandate.agent.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls filled into the ring cell's own record ({@link Journal#claimCall()}) lap after lap: each
 * event is written as filled, whatever the cell held on its previous lap, even with several
 * producers and a writer draining at once; a fill that failed part-way is lost, not mixed.
 */
class ClaimedCallsTest {
    @TempDir
    Path dir;

    @Test
    void everyLapOfASmallRingIsJournaledAsFilled() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults().ringCapacity(4));
        List<CallRecord> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            CallRecord call = TestCalls.sample(i);
            // the access list grows and shrinks from lap to lap; some fields repeat, some change
            int accesses = i % 3 + 1;
            call.accessOperations = new String[accesses];
            call.accessResources = new String[accesses];
            for (int a = 0; a < accesses; a++) {
                call.accessOperations[a] = a == 0 ? "select" : "insert";
                call.accessResources[a] = "table_" + (i + a) % 5;
            }
            call.accessCount = accesses;
            call.usage = i % 10 == 9;
            call.unitsMetric = call.usage ? "rows" : "";
            call.units = call.usage ? i : 0;
            call.usageCalls = call.usage ? 2 : 0;
            expected.add(call);
            CallRecord claimed = journal.claimCall();
            fillFrom(claimed, call);
            journal.publishClaimed(claimed, true);
        }
        journal.close();

        List<JournalEvent> events = JournalReader.readAll(dir).stream()
                .filter(e -> e.type().equals(JournalFormat.CALL) || e.type().equals(JournalFormat.USAGE)).toList();
        assertEquals(expected.size(), events.size());
        for (int i = 0; i < expected.size(); i++) {
            JournalRoundTripTest.assertCallEquals(expected.get(i), events.get(i));
        }
        assertEquals(0, journal.lostEvents());
    }

    @Test
    void theRingHandsOutTheSameRecordOnEveryLapOfACell() {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults().ringCapacity(2));
        CallRecord first = journal.claimCall();
        fillFrom(first, TestCalls.sample(0));
        journal.publishClaimed(first, true);
        journal.flush();
        CallRecord second = journal.claimCall();
        assertNotSame(first, second, "the next cell");
        fillFrom(second, TestCalls.sample(1));
        journal.publishClaimed(second, true);
        journal.flush();
        CallRecord third = journal.claimCall();
        assertSame(first, third, "a cell's record is filled again, not allocated again");
        fillFrom(third, TestCalls.sample(2));
        journal.publishClaimed(third, true);
        journal.close();
    }

    @Test
    void aFillThatFailedPartWayIsCountedLostAndTheCellServesAgain() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults().ringCapacity(2));
        CallRecord broken = journal.claimCall();
        broken.setContext("half-filled", "", "", "", 0, "", "", "", "");
        journal.publishClaimed(broken, false);
        for (int i = 1; i <= 4; i++) {
            CallRecord claimed = journal.claimCall();
            fillFrom(claimed, TestCalls.sample(i));
            journal.publishClaimed(claimed, true);
        }
        journal.close();

        List<JournalEvent> calls = JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL);
        assertEquals(4, calls.size());
        for (int i = 0; i < 4; i++) {
            JournalRoundTripTest.assertCallEquals(TestCalls.sample(i + 1), calls.get(i));
        }
        assertEquals(1, journal.lostEvents());
    }

    @Test
    void aCallTheFullRingCouldNotTakeIsStillCounted() throws Exception {
        Map<String, AtomicLong> counted = new ConcurrentHashMap<>();
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults()
                .ringCapacity(4).fullRingWait(Duration.ZERO).maxIdlePark(Duration.ofSeconds(30)));
        journal.tallyCallsWith((kind, operation, verdict, blocked) ->
                counted.computeIfAbsent(kind + " " + operation + " " + verdict, k -> new AtomicLong()).incrementAndGet());
        journal.flush();
        Thread.sleep(1_000); // the idle writer is now in a long park: a burst overflows the ring
        for (int i = 0; i < 200; i++) {
            CallRecord claimed = journal.claimCall();
            fillFrom(claimed, TestCalls.sample(0));
            journal.publishClaimed(claimed, true);
        }
        journal.close();

        assertTrue(journal.lostEvents() > 0, "a 4-slot ring cannot take 200 calls while the writer sleeps");
        assertEquals(200L, counted.get("jdbc select ALLOW").get());
    }

    @Test
    void concurrentProducersNeverMixTwoCallsInOneEvent() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults().ringCapacity(8));
        int threads = 4;
        int perThread = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "producer-" + t;
            Thread producer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    // every field of one call names the same producer and number
                    String tag = name + "#" + i;
                    CallRecord claimed = journal.claimCall();
                    claimed.setContext("agent-" + name, "chain-" + tag, "", "root-" + tag, i % 4, "step-" + tag,
                            "tool", "purpose", "user-" + name);
                    claimed.setCall("jdbc", "select", "resource-" + tag, i, name, "enforce");
                    claimed.setAccessCount(i % 2 + 1);
                    for (int a = 0; a <= i % 2; a++) {
                        claimed.setAccess(a, "select", "access-" + tag);
                    }
                    claimed.setOutcome("ALLOW", "rule-" + tag, "", "sha256:x", false, "", i);
                    claimed.setUnits("", 0, false, 0);
                    journal.publishClaimed(claimed, true);
                }
            }, name);
            producers.add(producer);
            producer.start();
        }
        start.countDown();
        for (Thread producer : producers) {
            producer.join();
        }
        journal.close();

        List<JournalEvent> calls = JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL);
        assertEquals(threads * perThread, calls.size());
        for (JournalEvent call : calls) {
            String tag = call.string("chainId").substring("chain-".length());
            String producer = tag.substring(0, tag.indexOf('#'));
            int number = Integer.parseInt(tag.substring(tag.indexOf('#') + 1));
            assertEquals("agent-" + producer, call.string("agent"), call.toString());
            assertEquals("root-" + tag, call.string("rootChainId"), call.toString());
            assertEquals("step-" + tag, call.string("stepId"), call.toString());
            assertEquals("resource-" + tag, call.string("resource"), call.toString());
            assertEquals("rule-" + tag, call.string("ruleId"), call.toString());
            assertEquals(producer, call.string("threadName"), call.toString());
            assertEquals(number, call.epochNanos(), call.toString());
            assertEquals(number, call.longField("durationNanos"), call.toString());
            assertEquals(number % 2 + 1, call.accesses().size(), call.toString());
            assertTrue(call.accesses().stream().allMatch(a -> a.resource().equals("access-" + tag)), call.toString());
        }
        assertFalse(calls.isEmpty());
        assertEquals(0, journal.lostEvents());
    }

    private static void fillFrom(CallRecord target, CallRecord source) {
        target.setContext(source.agent, source.chainId, source.parentChainId, source.rootChainId, source.depth,
                source.stepId, source.tool, source.purpose, source.user);
        target.setCall(source.kind, source.operation, source.resource, source.epochNanos, source.threadName,
                source.mode);
        target.setAccessCount(source.accessCount);
        for (int i = 0; i < source.accessCount; i++) {
            target.setAccess(i, source.accessOperations[i], source.accessResources[i]);
        }
        target.setOutcome(source.verdict, source.ruleId, source.reason, source.policyHash, source.blocked,
                source.error, source.durationNanos);
        target.setUnits(source.unitsMetric, source.units, source.usage, source.usageCalls);
    }
}
