package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer on a one-second roll with a two-second age limit removes its old files itself; what
 * remains verifies from the writer's signed cycle anchor, the removal is reported as retention,
 * and tampering with what remains, or deleting more files, is still caught.
 */
class RetentionTest {
    private static final long RUN_MILLIS = 4_500;

    @TempDir
    Path dir;

    private int calls;

    @BeforeEach
    void writeAcrossSeveralCycles() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults()
                .rollCycle(JournalRollCycle.SECONDLY).retentionMaxAge(Duration.ofSeconds(2)))) {
            CallRecord call = TestCalls.sample(0);
            long end = System.currentTimeMillis() + RUN_MILLIS;
            while (System.currentTimeMillis() < end) {
                call.epochNanos = System.currentTimeMillis() * 1_000_000L;
                call.resource = "resource-" + calls++;
                journal.recordCall(call);
                Thread.sleep(5);
            }
        }
    }

    @Test
    void oldFilesAreRemovedAndWhatRemainsVerifiesFromTheAnchor() throws Exception {
        List<JournalEvent> events = JournalReader.readAll(dir);
        assertTrue(events.stream().noneMatch(e -> e.type().equals(JournalFormat.OPEN)),
                "the first file, with journal.open, is gone");
        List<JournalEvent> retention = JournalRoundTripTest.ofType(events, JournalFormat.RETENTION);
        assertFalse(retention.isEmpty(), "each removal is journaled");
        assertTrue(retention.get(0).string(EventDecoder.FILES).endsWith(".cq4"));
        List<JournalEvent> kept = JournalRoundTripTest.ofType(events, JournalFormat.CALL);
        assertTrue(kept.size() < calls && !kept.isEmpty(), kept.size() + " of " + calls);
        assertEquals("resource-" + (calls - 1), kept.get(kept.size() - 1).string("resource"));
        assertTrue(kept.stream().noneMatch(e -> e.flag(EventDecoder.INCOMPLETE)), "a file starts with full calls");

        VerificationReport report = JournalVerifier.verify(dir, null);
        assertTrue(report.ok(), report.summary());
        assertEquals(1, report.anchoredWriters());
        assertNotNull(report.retainedFrom());
        assertTrue(report.summary().contains("removed by retention"), report.summary());
        assertEquals(List.of(), report.unsealedTails(), "close seals the run");
    }

    @Test
    void aChangedByteInWhatRemainsIsStillFound() throws Exception {
        JournalEvent victim = JournalRoundTripTest.ofType(JournalReader.readAll(dir), JournalFormat.CALL).get(5);
        String resource = victim.string("resource");
        boolean changed = false;
        for (Path file : cycleFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            int at = indexOf(bytes, resource.getBytes(StandardCharsets.UTF_8));
            if (at >= 0) {
                bytes[at] = (byte) 'R';
                Files.write(file, bytes);
                changed = true;
                break;
            }
        }
        assertTrue(changed);
        VerificationReport report = JournalVerifier.verify(dir, null);
        assertFalse(report.ok());
        assertEquals(VerificationReport.Tampering.CHANGED, report.tampered().tampering());
        assertEquals(victim.index(), report.tampered().index());
    }

    @Test
    void anOldFileDeletedOutsideRetentionIsReportedAsRemoved() throws Exception {
        List<Path> files = cycleFiles();
        assertTrue(files.size() >= 2, "files: " + files);
        Files.delete(files.get(0));
        VerificationReport report = JournalVerifier.verify(dir, null);
        assertFalse(report.ok(), report.summary());
        assertEquals(VerificationReport.Tampering.REMOVED, report.tampered().tampering(), report.summary());
        assertTrue(report.tampered().detail().contains("no journal.retention event removed"), report.summary());
    }

    private List<Path> cycleFiles() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
