package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer that opens its queue only once the agent's start is over (JournalOptions.openWhenStarted). */
class OpenWhenStartedTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    @Test
    void eventsRecordedBeforeStartWritingAreAllJournaledInOrderOnceItIsCalled() throws Exception {
        int before = 3 * JournalOptions.DEFAULT_RING_CAPACITY / 4; // a start-up burst, below the ring's capacity
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults().openWhenStarted(LONG))) {
            for (int i = 0; i < before; i++) {
                journal.recordCall(TestCalls.sample(i));
            }
            Thread.sleep(200);
            assertEquals(0, cycleFiles(), "the writer waits for startWriting before it opens the queue");
            assertEquals(0, journal.writtenEvents());
            journal.startWriting();
            journal.recordCall(TestCalls.sample(before));
            journal.flush();
            assertEquals(before + 1, journal.writtenEvents());
            assertEquals(0, journal.lostEvents());
        }
        List<JournalEvent> calls = new ArrayList<>();
        for (JournalEvent e : JournalReader.readAll(dir)) {
            if (e.type().equals(JournalFormat.CALL)) {
                calls.add(e);
            }
        }
        assertEquals(before + 1, calls.size());
        for (int i = 0; i <= before; i++) {
            assertEquals(TestCalls.sample(i).resource, calls.get(i).string("resource"));
        }
        assertTrue(JournalVerifier.verify(dir, null).ok());
    }

    @Test
    void aProducerFacingAFullRingBeforeStartWritingWaitsInsteadOfLosingItsEvent() throws Exception {
        int capacity = 64;
        try (ChronicleJournal journal = ChronicleJournal.open(dir,
                JournalOptions.defaults().ringCapacity(capacity).openWhenStarted(LONG))) {
            for (int i = 0; i < capacity; i++) {
                journal.recordCall(TestCalls.sample(i));
            }
            Thread starter = new Thread(() -> {
                sleep(300);
                journal.startWriting();
            });
            starter.start();
            journal.recordCall(TestCalls.sample(capacity)); // waits for the writer (start patience), then goes in
            starter.join();
            journal.flush();
            assertEquals(capacity + 1, journal.writtenEvents());
            assertEquals(0, journal.lostEvents());
        }
    }

    @Test
    void closeWithoutStartWritingStillJournalsWhatWasRecorded() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults().openWhenStarted(LONG));
        journal.recordLifecycle("agent.start", Map.of("mode", "enforce"));
        journal.recordCall(TestCalls.sample(1));
        long started = System.nanoTime();
        journal.close();
        assertTrue(System.nanoTime() - started < LONG.toNanos(), "close does not wait for openWhenStarted");
        List<String> types = new ArrayList<>();
        JournalReader.readAll(dir).forEach(e -> types.add(e.type()));
        assertEquals(List.of(JournalFormat.OPEN, "agent.start", JournalFormat.CALL, JournalFormat.CLOSE), types);
    }

    @Test
    void theWriterOpensAnywayWhenStartWritingNeverComes() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dir,
                JournalOptions.defaults().openWhenStarted(Duration.ofMillis(100)))) {
            journal.recordCall(TestCalls.sample(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (journal.writtenEvents() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, journal.writtenEvents());
        }
    }

    @Test
    void theWriterNamesTheRunKeyInAnEventRecordedBeforeTheKeyWasMade() throws Exception {
        Map<String, String> start = new LinkedHashMap<>();
        start.put("mode", "enforce");
        start.put("runPublicKey", "");
        start.put("pid", "1");
        RunIdentity identity;
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults().openWhenStarted(LONG))) {
            journal.recordLifecycle("agent.start", start, "runPublicKey");
            identity = journal.runIdentity();
            journal.startWriting();
        }
        List<JournalEvent> events = JournalReader.readAll(dir);
        JournalEvent open = events.get(0);
        JournalEvent agentStart = events.get(1);
        assertEquals("agent.start", agentStart.type());
        String key = open.string(EventDecoder.RUN_PUBLIC_KEY);
        assertEquals(key, agentStart.string("runPublicKey"));
        assertEquals(List.of("mode", "runPublicKey", "pid", EventDecoder.TRUNCATED),
                new ArrayList<>(agentStart.fields().keySet()), "the attribute keeps its place");
        assertEquals("", start.get("runPublicKey"), "the caller's map is not changed");
        assertEquals(open.string(EventDecoder.WRITER_ID), identity.runId());
        assertArrayEquals(identity.publicKey(), Base64.getDecoder().decode(key));
    }

    @Test
    void theRunIdentityCanBeUsedBeforeTheWriterMadeItAndIsTheOneJournaled() throws Exception {
        String runId;
        byte[] publicKey;
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults().openWhenStarted(LONG))) {
            RunIdentity identity = journal.runIdentity();
            runId = identity.runId(); // made here, on first use, before the writer may start
            publicKey = identity.publicKey();
            byte[] signature = identity.sign("mandate-test-v1", new byte[] {1, 2, 3});
            assertTrue(RunIdentity.verify(RunKeyAccess.publicKey(identity), "mandate-test-v1", new byte[] {1, 2, 3},
                    signature));
            assertEquals(Base64.getEncoder().encodeToString(publicKey), journal.runPublicKey());
            journal.startWriting();
        }
        JournalEvent open = JournalReader.readAll(dir).get(0);
        assertEquals(runId, open.string(EventDecoder.WRITER_ID));
        assertEquals(Base64.getEncoder().encodeToString(publicKey), open.string(EventDecoder.RUN_PUBLIC_KEY));
    }

    private long cycleFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).count();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run key's public half, as a key object, for verifying in the test. */
    private static final class RunKeyAccess {
        static java.security.PublicKey publicKey(RunIdentity identity) {
            return identity.key().publicKey();
        }
    }
}
