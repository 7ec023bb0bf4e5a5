package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls repeat the fields they share with their writer's previous call; readers must resolve them exactly. */
class RepeatedFieldsTest {
    private static final int CALLS = 300;

    @TempDir
    Path dir;

    @Test
    void repeatedFieldsShrinkTheJournalAndStillRoundTrip() throws Exception {
        List<CallRecord> written = writeCalls(dir);
        List<JournalEvent> calls = JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL);
        assertEquals(CALLS, calls.size());
        for (int i = 0; i < CALLS; i++) {
            JournalRoundTripTest.assertCallEquals(written.get(i), calls.get(i));
        }
        // a full call of this shape takes over 250 bytes; repeated ones far less
        long cycleBytesUsed = usedBytes(written.get(0).resource);
        assertTrue(cycleBytesUsed < CALLS * 120L, "journal data takes " + cycleBytesUsed + " bytes");
    }

    @Test
    void aReaderThatJumpsIntoTheMiddleResolvesRepeatedFields() throws Exception {
        List<CallRecord> written = writeCalls(dir);
        List<Long> indexes = new ArrayList<>();
        for (JournalEvent e : JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL)) {
            indexes.add(e.index());
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            int target = 250; // not a keyframe: 250 % 64 != 0
            assertTrue(reader.moveToIndex(indexes.get(target)));
            for (int i = target; i < CALLS; i++) {
                JournalRoundTripTest.assertCallEquals(written.get(i), reader.next());
            }
        }
    }

    @Test
    void aTailStartedAtTheEndSeesNewCallsComplete() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir)) {
            CallRecord call = TestCalls.sample(2);
            for (int i = 0; i < 100; i++) {
                journal.recordCall(call);
            }
            journal.flush();
            try (JournalReader tail = JournalReader.open(dir)) {
                tail.toEnd();
                assertNull(tail.next());
                call.stepId = "after-the-tail-started";
                journal.recordCall(call);
                journal.flush();
                JournalEvent event = tail.next();
                assertFalse(event.flag(EventDecoder.INCOMPLETE));
                assertEquals("after-the-tail-started", event.string("stepId"));
                assertEquals(call.resource, event.string("resource"));
            }
        }
    }

    @Test
    void afterADamagedCallTheRepeatsShowIncompleteNotWrong() throws Exception {
        List<CallRecord> written = writeCalls(dir);
        List<JournalEvent> before = JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL);
        Path file = cycleFile();
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "step-0100".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes[at + 5] ^= 1;
        Files.write(file, bytes);

        List<JournalEvent> after = new ArrayList<>();
        int damaged = 0;
        int incomplete = 0;
        try (JournalReader reader = JournalReader.open(dir)) {
            for (;;) {
                try {
                    JournalEvent e = reader.next();
                    if (e == null) {
                        break;
                    }
                    if (e.type().equals(JournalFormat.CALL)) {
                        after.add(e);
                    }
                } catch (CorruptJournalException e) {
                    assertEquals(before.get(100).index(), e.index());
                    damaged++;
                }
            }
        }
        assertEquals(1, damaged);
        assertEquals(CALLS - 1, after.size());
        for (JournalEvent e : after) {
            int n = before.indexOf(before.stream().filter(b -> b.index() == e.index()).findFirst().orElseThrow());
            if (e.flag(EventDecoder.INCOMPLETE)) {
                incomplete++;
                assertTrue(n > 100 && n < 128, "only calls up to the next full call are incomplete: " + n);
                assertFalse(e.fields().containsKey("agent"), "an unresolved field is absent, not guessed");
            } else {
                JournalRoundTripTest.assertCallEquals(written.get(n), e);
            }
        }
        assertTrue(incomplete > 0, "the call after the damaged one repeats its fields");
    }

    @Test
    void twoWritersOfOneProcessInterleavingKeepTheirOwnRepeats() throws Exception {
        try (Journal first = ChronicleJournal.open(dir); Journal second = ChronicleJournal.open(dir)) {
            CallRecord a = TestCalls.sample(0);
            a.agent = "agent-a";
            CallRecord b = TestCalls.sample(1);
            b.agent = "agent-b";
            for (int i = 0; i < 200; i++) {
                a.stepId = "a-" + i;
                b.stepId = "b-" + i;
                first.recordCall(a);
                second.recordCall(b);
                if (i % 10 == 0) {
                    first.flush(); // make the two writers' calls interleave in the file
                    second.flush();
                }
            }
        }
        List<JournalEvent> calls = JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL);
        assertEquals(400, calls.size());
        for (JournalEvent call : calls) {
            assertFalse(call.flag(EventDecoder.INCOMPLETE));
            String agent = call.string("agent");
            assertTrue(call.string("stepId").startsWith(agent.equals("agent-a") ? "a-" : "b-"), call.toString());
            assertEquals(agent.equals("agent-a") ? "chain-0" : "chain-1", call.string("chainId"));
        }
        assertEquals(2, calls.stream().map(JournalEvent::writerTag).distinct().count());
    }

    /** Calls where most fields repeat and a few change, some on every call, some now and then. */
    private static List<CallRecord> writeCalls(Path dir) {
        List<CallRecord> written = new ArrayList<>();
        try (Journal journal = ChronicleJournal.open(dir)) {
            for (int i = 0; i < CALLS; i++) {
                CallRecord call = TestCalls.sample(0);
                call.epochNanos += i;
                call.stepId = String.format("step-%04d", i);
                call.chainId = "chain-" + (i / 10);
                call.verdict = i % 7 == 0 ? "DENY" : "ALLOW";
                call.blocked = i % 7 == 0;
                if (i % 5 == 0) {
                    call.accessResources = new String[] {"invoices", "customers-" + i, "unused"};
                }
                journal.recordCall(call);
                written.add(call);
            }
        }
        return written;
    }

    private Path cycleFile() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Bytes from the first event to the end of the last, measured by the marker of the last call. */
    private long usedBytes(String resource) throws Exception {
        byte[] bytes = Files.readAllBytes(cycleFile());
        int first = indexOf(bytes, resource.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int last = indexOf(bytes, String.format("step-%04d", CALLS - 1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return last - first;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
