package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with a real journal, record by record as Chronicle's own tools allow, is caught at the
 * first bad record with the right kind; an untouched journal verifies with its counts.
 */
class JournalVerifierTest {
    private static final int CALLS = 500;
    private static final int CHECKPOINT_EVERY = 100;

    @TempDir
    Path temp;

    private Path original;
    private List<byte[]> records;

    @BeforeEach
    void writeJournal() {
        original = temp.resolve("original");
        writeRun(original, JournalOptions.defaults());
        records = RawRecords.read(original);
    }

    private static void writeRun(Path dir, JournalOptions options) {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, options.checkpointEvents(CHECKPOINT_EVERY))) {
            journal.recordLifecycle("agent.start", Map.of("runPublicKey", journal.runPublicKey()));
            CallRecord call = TestCalls.sample(0);
            for (int i = 0; i < CALLS; i++) {
                call.epochNanos = i;
                call.resource = "resource-" + i;
                journal.recordCall(call);
            }
        }
    }

    @Test
    void anUntouchedJournalVerifiesWithItsCounts() {
        VerificationReport report = JournalVerifier.verify(original, null);
        assertTrue(report.ok(), report.summary());
        // open + agent.start + calls + close, and the checkpoints among them
        long checkpoints = records.stream().filter(r -> RawRecords.type(r) == JournalFormat.TYPE_CHECKPOINT).count();
        assertTrue(checkpoints >= (CALLS + 3) / CHECKPOINT_EVERY + 1, "checkpoints: " + checkpoints);
        assertEquals(CALLS + 3 + checkpoints, report.events());
        assertEquals(1, report.writers());
        assertEquals(checkpoints, report.checkpoints());
        assertEquals(List.of(), report.unsealedTails(), "close seals the whole run");
        assertEquals(JournalFormat.TYPE_CHECKPOINT, RawRecords.type(records.get(records.size() - 1)));
    }

    @Test
    void aChangedByteInARandomEventIsFoundAtThatEvent() {
        Random random = new Random(7);
        int victim = randomCall(random);
        byte[] record = records.get(victim);
        // a byte of the body, past the header, then a fixed CRC: only the chain can tell
        record[60 + random.nextInt(record.length - 64)] ^= 0x20;
        RawRecords.fixCrc(record);
        assertTampered(VerificationReport.Tampering.CHANGED, victim, verifyCopy(records));
    }

    @Test
    void aChangedByteWithoutACrcFixIsFoundAtThatEvent() {
        int victim = randomCall(new Random(11));
        records.get(victim)[40] ^= 1;
        assertTampered(VerificationReport.Tampering.CHANGED, victim, verifyCopy(records));
    }

    @Test
    void aDeletedEventIsFoundWhereItIsMissing() {
        int victim = randomCall(new Random(13));
        records.remove(victim);
        assertTampered(VerificationReport.Tampering.REMOVED, victim, verifyCopy(records));
    }

    @Test
    void swappedEventsAreFoundAtTheFirstOfThem() {
        int victim = randomCall(new Random(17));
        Collections.swap(records, victim, victim + 1);
        assertTampered(VerificationReport.Tampering.REORDERED, victim, verifyCopy(records));
    }

    @Test
    void aDeletedEventWithTheRestRenumberedAndRelinkedIsFoundAtTheNextCheckpoint() {
        int victim = randomCall(new Random(19));
        records.remove(victim);
        byte[] link = RawRecords.storedLink(records.get(victim - 1));
        int i = victim;
        // the forger renumbers and relinks every later event, but cannot sign the checkpoint
        for (; RawRecords.type(records.get(i)) != JournalFormat.TYPE_CHECKPOINT; i++) {
            byte[] r = records.get(i);
            long sequence = readLong(r, 35) - 1;
            writeLong(r, 35, sequence);
            link = RawRecords.relink(link, r);
        }
        byte[] checkpoint = records.get(i);
        writeLong(checkpoint, 35, readLong(checkpoint, 35) - 1);
        RawRecords.relink(link, checkpoint);
        assertTampered(VerificationReport.Tampering.FORGED, i, verifyCopy(records));
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsForged() throws Exception {
        int checkpoint = firstCheckpoint();
        byte[] record = records.get(checkpoint);
        byte[] previousLink = RawRecords.storedLink(records.get(checkpoint - 1));
        byte[] forged = RunKey.generate().signCheckpoint(record, previousLink);
        int signatureAt = 35 + JournalFormat.HEADER_FIELDS_BYTES + 1;
        System.arraycopy(forged, 0, record, signatureAt, forged.length);
        RawRecords.relink(previousLink, record);
        assertTampered(VerificationReport.Tampering.FORGED, checkpoint, verifyCopy(records));
    }

    @Test
    void twoRunsInOneDirectoryVerifyAsTwoWriters() {
        writeRun(original, JournalOptions.defaults());
        VerificationReport report = JournalVerifier.verify(original, null);
        assertTrue(report.ok(), report.summary());
        assertEquals(2, report.writers());
    }

    @Test
    void anOperatorCertifiedRunIsAcceptedAndAnotherOperatorsKeyRejectsIt() throws Exception {
        KeyPair operator = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path certified = temp.resolve("certified");
        writeRun(certified, JournalOptions.defaults().operatorKey(operator.getPrivate()));

        assertTrue(JournalVerifier.verify(certified, operator.getPublic()).ok());
        VerificationReport wrongOperator = JournalVerifier.verify(certified, stranger.getPublic());
        assertEquals(VerificationReport.Tampering.UNCERTIFIED, wrongOperator.tampered().tampering());
        assertEquals(0, wrongOperator.tampered().sequence());
        // an uncertified run (e.g. the whole file replaced by another journal's) fails when a key is required
        VerificationReport uncertified = JournalVerifier.verify(original, operator.getPublic());
        assertEquals(VerificationReport.Tampering.UNCERTIFIED, uncertified.tampered().tampering());
    }

    @Test
    void aReplacedFileOfAnotherRunIsRejectedUnderTheOperatorKey() throws Exception {
        KeyPair operator = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path genuine = temp.resolve("genuine");
        writeRun(genuine, JournalOptions.defaults().operatorKey(operator.getPrivate()));
        // the attacker swaps in a journal of a run they made themselves, on a valid chain and key
        List<byte[]> replacement = RawRecords.read(original);
        assertTampered(VerificationReport.Tampering.UNCERTIFIED, 0, verifyCopy(replacement, operator));
    }

    @Test
    void eventsAfterTheLastCheckpointAreAnUnsealedTailNotTampering() {
        // as a crash leaves it: three calls after a checkpoint, and nothing after them
        List<byte[]> torn = new ArrayList<>(records.subList(0, firstCheckpoint() + 4));
        VerificationReport report = verifyCopy(torn);
        assertTrue(report.ok(), report.summary());
        assertEquals(1, report.unsealedTails().size());
        assertEquals(3, report.unsealedTails().get(0).events());
        assertFalse(report.unsealedTails().get(0).closed());
    }

    @Test
    void aDirectoryWithoutJournalFilesIsNotReportedAsAnEmptyCleanJournal() throws Exception {
        Path empty = java.nio.file.Files.createDirectories(temp.resolve("empty"));
        assertThrows(JournalException.class, () -> JournalVerifier.verify(empty, null));
    }

    private int randomCall(Random random) {
        for (;;) {
            int i = 2 + random.nextInt(records.size() - 4);
            if (RawRecords.type(records.get(i)) == JournalFormat.TYPE_CALL
                    && RawRecords.type(records.get(i + 1)) == JournalFormat.TYPE_CALL) {
                return i;
            }
        }
    }

    private int firstCheckpoint() {
        for (int i = 0; i < records.size(); i++) {
            if (RawRecords.type(records.get(i)) == JournalFormat.TYPE_CHECKPOINT) {
                return i;
            }
        }
        throw new AssertionError("no checkpoint");
    }

    private List<Long> copyIndexes;

    private VerificationReport verifyCopy(List<byte[]> edited) {
        return verifyCopy(edited, null);
    }

    private VerificationReport verifyCopy(List<byte[]> edited, KeyPair operator) {
        Path copy = temp.resolve("copy-" + System.nanoTime());
        copyIndexes = RawRecords.write(copy, edited);
        return JournalVerifier.verify(copy, operator == null ? null : operator.getPublic());
    }

    private void assertTampered(VerificationReport.Tampering expected, int recordNumber, VerificationReport report) {
        assertFalse(report.ok(), report.summary());
        assertEquals(expected, report.tampered().tampering(), report.summary());
        assertEquals(copyIndexes.get(recordNumber), report.tampered().index(), report.summary());
        assertEquals(recordNumber, report.events(), "records verified before the bad one");
    }

    private static long readLong(byte[] b, int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (b[at + i] & 0xFF);
        }
        return value;
    }

    private static void writeLong(byte[] b, int at, long value) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

}
