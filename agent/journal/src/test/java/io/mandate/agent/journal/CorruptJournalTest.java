package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damages bytes of a real journal file and checks the reader names the bad record and keeps the rest. */
class CorruptJournalTest {
    private static final int RECORDS = 100;
    private static final int DAMAGED = 50;

    @TempDir
    Path dir;

    /** Index of each lifecycle record "record-NNN", read before any damage. */
    private final List<Long> indexes = new ArrayList<>();

    @BeforeEach
    void writeJournal() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir)) {
            for (int i = 0; i < RECORDS; i++) {
                journal.recordLifecycle(name(i), Map.of("n", Integer.toString(i)));
            }
        }
        for (JournalEvent event : JournalReader.readAll(dir)) {
            if (event.type().startsWith("record-")) {
                indexes.add(event.index());
            }
        }
        assertEquals(RECORDS, indexes.size());
    }

    @Test
    void aFlippedByteInsideARecordIsReportedAtItsIndexAndReadingResumesAfterIt() throws Exception {
        long nameAt = offsetOf(name(DAMAGED));
        flip(nameAt + 3);

        try (JournalReader reader = JournalReader.open(dir)) {
            assertEquals(JournalFormat.OPEN, reader.next().type());
            for (int i = 0; i < DAMAGED; i++) {
                assertEquals(name(i), reader.next().type());
            }
            CorruptJournalException bad = assertThrows(CorruptJournalException.class, reader::next);
            assertEquals(indexes.get(DAMAGED), bad.index());
            assertTrue(bad.resumable());
            assertTrue(bad.position() > 0 && bad.position() < nameAt, "position " + bad.position());
            assertTrue(bad.getMessage().contains("CRC32C"), bad.getMessage());
            for (int i = DAMAGED + 1; i < RECORDS; i++) {
                assertEquals(name(i), reader.next().type());
            }
            assertEquals(JournalFormat.CLOSE, reader.next().type());
            assertNull(reader.next());
        }
    }

    @Test
    void aBrokenRecordFrameStopsReadingAfterEverythingBeforeIt() throws Exception {
        // the frame header is the 4 bytes before the event: type, version, integrity length,
        // the integrity link, sequence, time, pid and writer tag (27 + 32 bytes) and the name's
        // 1-byte length precede the name
        long frameAt = offsetOf(name(DAMAGED)) - 28 - JournalFormat.INTEGRITY_BYTES - 4;
        writeIntLittleEndian(frameAt, 0x3FFF_FFF0); // a complete data record far longer than the file

        List<String> read = new ArrayList<>();
        CorruptJournalException failure = null;
        try (JournalReader reader = JournalReader.open(dir)) {
            try {
                for (JournalEvent e = reader.next(); e != null; e = reader.next()) {
                    read.add(e.type());
                }
            } catch (CorruptJournalException e) {
                failure = e;
                assertNull(reader.next(), "nothing is read past a broken frame");
            }
        }
        List<String> expected = new ArrayList<>();
        expected.add(JournalFormat.OPEN);
        for (int i = 0; i < DAMAGED; i++) {
            expected.add(name(i));
        }
        assertEquals(expected, read);
        assertNotNull(failure, "a broken frame must be reported, not taken for the end of the journal");
        assertFalse(failure.resumable());
        assertEquals(indexes.get(DAMAGED), failure.index());
    }

    private static String name(int i) {
        return String.format("record-%03d", i);
    }

    private Path dataFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> cycles = files.filter(p -> p.getFileName().toString().endsWith(".cq4")).toList();
            assertEquals(1, cycles.size(), "one cycle file expected: " + cycles);
            return cycles.get(0);
        }
    }

    private long offsetOf(String text) throws IOException {
        byte[] file = Files.readAllBytes(dataFile());
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= file.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (file[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(text + " not found in " + dataFile());
    }

    private void flip(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(dataFile().toFile(), "rw")) {
            file.seek(offset);
            int b = file.read();
            file.seek(offset);
            file.write(b ^ 0x01);
        }
    }

    private void writeIntLittleEndian(long offset, int value) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(dataFile().toFile(), "rw")) {
            file.seek(offset);
            file.write(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
        }
    }
}
