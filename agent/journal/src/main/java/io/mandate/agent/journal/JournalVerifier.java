package io.mandate.agent.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Checks a journal directory for tampering: every writer's hash chain from its journal.open, its
 * sequence without holes or reversals, every checkpoint's signature by the run key its
 * journal.open published and, when given an operator key, that key's certificate of each run key.
 * Stops at the first bad record. Reads raw records (no field decoding except journal.open), so
 * the cost per event is about one SHA-256 of the event's bytes.
 *
 * <p>What it cannot see: a journal cut off after a writer's last checkpoint looks like a crash
 * (reported as an unsealed tail), and without an operator key a whole run invented by someone who
 * can write the directory is as valid as a real one.
 */
public final class JournalVerifier {
    private static final int MIN_RECORD_BYTES = EventChain.INTEGRITY_OFFSET + JournalFormat.INTEGRITY_BYTES
            + JournalFormat.HEADER_FIELDS_BYTES + JournalFormat.CRC_BYTES;

    private final PublicKey operatorKey;
    private final CRC32C crc = new CRC32C();
    private final EventDecoder openDecoder = new EventDecoder();
    private final Map<Long, WriterState> writers = new HashMap<>();
    private final RollingResourcesCache cycleNames;
    private byte[] buffer = new byte[1024];
    private long events;
    private long checkpoints;
    /** Every cycle before this was removed by retention, per the signed journal.retention events seen. */
    private long retainedFromCycle = Long.MIN_VALUE;
    private final List<AnchoredStart> anchoredStarts = new ArrayList<>();

    /** A writer whose chain starts at a cycle anchor: its older files must have been removed by retention. */
    private static final class AnchoredStart {
        final long index;
        final long epochNanos;
        final String writer;
        final long sequence;
        final int previousCycle;

        AnchoredStart(long index, long epochNanos, String writer, long sequence, int previousCycle) {
            this.index = index;
            this.epochNanos = epochNanos;
            this.writer = writer;
            this.sequence = sequence;
            this.previousCycle = previousCycle;
        }
    }

    private JournalVerifier(PublicKey operatorKey, RollingResourcesCache cycleNames) {
        this.operatorKey = operatorKey;
        this.cycleNames = cycleNames;
    }

    /**
     * @param operatorKey when not null, every run key must carry this key's certificate
     * @throws JournalException when the directory is not a journal or cannot be read
     */
    public static VerificationReport verify(Path directory, PublicKey operatorKey) {
        ChronicleSystemProperties.apply();
        if (!Files.isDirectory(directory)) {
            throw new JournalException("no journal directory at " + directory, null);
        }
        if (!holdsCycleFiles(directory)) {
            // "OK, 0 events" for a mistyped path would read as a clean bill of health
            throw new JournalException("no journal files (*.cq4) in " + directory, null);
        }
        SingleChronicleQueue queue;
        try {
            queue = ChronicleQueues.forReading(directory);
        } catch (Exception | AssertionError | LinkageError e) {
            throw new JournalException("cannot open the journal in " + directory, e);
        }
        try (queue; ExcerptTailer tailer = ChronicleQueues.tailerAtOldestFile(queue)) {
            return new JournalVerifier(operatorKey, RetentionSweeper.cycleNames(queue)).run(tailer);
        }
    }

    private static boolean holdsCycleFiles(Path directory) {
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4"));
        } catch (java.io.IOException e) {
            throw new JournalException("cannot list " + directory, e);
        }
    }

    private VerificationReport run(ExcerptTailer tailer) {
        long lastIndex = -1;
        for (;;) {
            long index;
            int length;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                index = dc.index();
                length = copy(dc.wire().bytes());
            } catch (RuntimeException | AssertionError | InternalError e) {
                return report(new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, lastIndex + 1, 0,
                        "?", -1, "unreadable record frame after index " + lastIndex + ": " + e));
            }
            lastIndex = index;
            VerificationReport.Finding finding = check(index, length, tailer);
            if (finding != null) {
                return report(finding);
            }
            events++;
        }
        return report(uncoveredAnchoredStart());
    }

    /**
     * A writer that starts at an anchor lost its older events with its older files. That is fine
     * when a signed retention event removed the file of its previous record; otherwise the files
     * were deleted by someone else.
     */
    private VerificationReport.Finding uncoveredAnchoredStart() {
        for (AnchoredStart start : anchoredStarts) {
            if (start.previousCycle >= retainedFromCycle) {
                return new VerificationReport.Finding(VerificationReport.Tampering.REMOVED, start.index,
                        start.epochNanos, start.writer, start.sequence, "this writer's events up to sequence "
                        + start.sequence + " are missing: its previous record was in " + fileName(start.previousCycle)
                        + ", which no journal.retention event removed (deleted outside retention)");
            }
        }
        return null;
    }

    private String fileName(long cycle) {
        try {
            return cycleNames.resourceFor(cycle).text + RetentionSweeper.CYCLE_FILE_SUFFIX;
        } catch (RuntimeException e) {
            return "cycle " + cycle;
        }
    }

    private VerificationReport report(VerificationReport.Finding finding) {
        List<VerificationReport.UnsealedTail> tails = new ArrayList<>();
        for (WriterState writer : writers.values()) {
            if (writer.unsealedEvents > 0) {
                tails.add(new VerificationReport.UnsealedTail(writer.name(), writer.unsealedEvents,
                        writer.firstUnsealedIndex, writer.firstUnsealedEpochNanos, writer.closed));
            }
        }
        tails.sort((a, b) -> Long.compare(a.firstIndex(), b.firstIndex()));
        String retainedFrom = retainedFromCycle == Long.MIN_VALUE ? null : fileName(retainedFromCycle);
        return new VerificationReport(events, writers.size(), checkpoints, tails, finding, retainedFrom,
                anchoredStarts.size());
    }

    private int copy(Bytes<?> bytes) {
        long remaining = bytes.readRemaining();
        if (remaining > JournalFormat.MAX_EVENT_BYTES) {
            return -1;
        }
        int length = (int) remaining;
        if (length > buffer.length) {
            buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        bytes.read(buffer, 0, length);
        return length;
    }

    /** Null when the record is a sound next link of its writer's chain, else what is wrong with it. */
    private VerificationReport.Finding check(long index, int length, ExcerptTailer tailer) {
        byte[] b = buffer;
        if (length < MIN_RECORD_BYTES) {
            return new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, index, 0, "?", -1,
                    length < 0 ? "record frame claims more bytes than any event" : "record too short for an event");
        }
        int bodyLength = length - JournalFormat.CRC_BYTES;
        crc.reset();
        crc.update(b, 0, bodyLength);
        int type = b[0] & 0xFF;
        int integrityLength = b[2] & 0xFF;
        int at = EventChain.INTEGRITY_OFFSET + integrityLength;
        long sequence = at + 24 <= bodyLength ? i64(b, at) : -1;
        long epochNanos = at + 24 <= bodyLength ? i64(b, at + 8) : 0;
        int pid = at + 24 <= bodyLength ? i32(b, at + 16) : 0;
        int tag = at + 24 <= bodyLength ? i32(b, at + 20) : 0;
        String who = WriterState.name(pid, tag, null);
        if ((int) crc.getValue() != i32(b, bodyLength)) {
            return new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, index, epochNanos, who,
                    sequence, "its bytes were changed (CRC-32C mismatch)");
        }
        if (integrityLength != JournalFormat.INTEGRITY_BYTES) {
            return new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, index, epochNanos, who,
                    sequence, "no hash-chain link (integrity length " + integrityLength
                    + "): written by a pre-integrity agent, or the link was stripped");
        }
        long key = ((long) pid << 32) | (tag & 0xFFFF_FFFFL);
        WriterState writer = writers.get(key);
        if (type == JournalFormat.TYPE_OPEN) {
            if (writer != null) {
                return new VerificationReport.Finding(VerificationReport.Tampering.FORGED, index, epochNanos,
                        writer.name(), sequence, "a second journal.open for a writer already open");
            }
            if (sequence != 0) {
                return new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, index, epochNanos, who,
                        sequence, "journal.open with a sequence other than 0");
            }
            writer = new WriterState(pid, tag);
            VerificationReport.Finding bad = openWriter(writer, index, length, epochNanos);
            if (bad != null) {
                return bad;
            }
        } else if (type == JournalFormat.TYPE_ANCHOR) {
            AnchorRecord anchor;
            try {
                anchor = AnchorRecord.parse(b, bodyLength);
            } catch (IllegalArgumentException e) {
                return new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, index, epochNanos, who,
                        sequence, "journal.anchor does not decode: " + e.getMessage());
            }
            VerificationReport.Finding bad;
            if (writer == null) {
                writer = new WriterState(pid, tag);
                bad = startAtAnchor(writer, anchor, index, epochNanos, sequence);
            } else {
                bad = continueAtAnchor(writer, anchor, index, epochNanos, sequence, tailer);
            }
            if (bad != null) {
                return bad;
            }
        } else if (writer == null) {
            return new VerificationReport.Finding(VerificationReport.Tampering.FORGED, index, epochNanos, who,
                    sequence, "no journal.open of this writer before it: its start was removed, the event was"
                    + " inserted, or its file was replaced");
        } else {
            VerificationReport.Finding bad = checkSequence(writer, type, index, sequence, epochNanos, tailer);
            if (bad != null) {
                return bad;
            }
        }
        byte[] computed = writer.chain.computeCandidate(b, bodyLength);
        if (!linksEqual(computed, b)) {
            return new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, index, epochNanos,
                    writer.name(), sequence, "its bytes are not those its writer chained (link mismatch)");
        }
        if (type == JournalFormat.TYPE_CHECKPOINT) {
            if (!signatureHolds(writer, b, bodyLength)) {
                return new VerificationReport.Finding(VerificationReport.Tampering.FORGED, index, epochNanos,
                        writer.name(), sequence, "checkpoint not signed by this run's key");
            }
            checkpoints++;
            writer.unsealedEvents = 0;
        } else if (type == JournalFormat.TYPE_ANCHOR) {
            checkpoints++; // an anchor seals the writer's chain like a checkpoint
            writer.unsealedEvents = 0;
        } else {
            if (type == JournalFormat.TYPE_RETENTION) {
                try {
                    retainedFromCycle = Math.max(retainedFromCycle, AnchorRecord.retainedFromCycle(b, bodyLength));
                } catch (IllegalArgumentException e) {
                    return new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, index, epochNanos,
                            writer.name(), sequence, "journal.retention does not decode: " + e.getMessage());
                }
            }
            if (writer.unsealedEvents == 0) {
                writer.firstUnsealedIndex = index;
                writer.firstUnsealedEpochNanos = epochNanos;
            }
            writer.unsealedEvents++;
            writer.lastSequence = sequence;
            writer.closed = type == JournalFormat.TYPE_CLOSE;
        }
        if (!writers.containsKey(key)) {
            writers.put(key, writer);
        }
        writer.chain.commit();
        return null;
    }

    /**
     * The first record of a writer seen is its anchor: its journal.open and earlier events were in
     * older files. The anchor's signature by the run key it names (certified by the operator key,
     * when one is given) vouches for the link it continues from.
     */
    private VerificationReport.Finding startAtAnchor(WriterState writer, AnchorRecord anchor, long index,
                                                     long epochNanos, long sequence) {
        writer.writerId = anchor.writerId;
        VerificationReport.Finding bad = acceptRunKey(writer, index, epochNanos, sequence, anchor.runPublicKey,
                anchor.operatorCertificate, "journal.anchor");
        if (bad != null) {
            return bad;
        }
        if (!RunKey.verifyAnchor(writer.runKey, buffer, anchor.signedEnd, anchor.signature)) {
            return new VerificationReport.Finding(VerificationReport.Tampering.FORGED, index, epochNanos,
                    writer.name(), sequence, "journal.anchor not signed by the run key it names");
        }
        writer.chain.continueFrom(anchor.previousLink);
        writer.lastSequence = sequence;
        anchoredStarts.add(new AnchoredStart(index, epochNanos, writer.name(), sequence, anchor.previousCycle));
        return null;
    }

    /** An anchor of a writer already verified must continue its chain, under its own key. */
    private VerificationReport.Finding continueAtAnchor(WriterState writer, AnchorRecord anchor, long index,
                                                        long epochNanos, long sequence, ExcerptTailer tailer) {
        VerificationReport.Finding bad = checkSequence(writer, JournalFormat.TYPE_ANCHOR, index, sequence, epochNanos,
                tailer);
        if (bad != null) {
            return bad;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(anchor.runPublicKey);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (!java.security.MessageDigest.isEqual(key, writer.runPublicKeyEncoded)
                || !java.security.MessageDigest.isEqual(anchor.previousLink, writer.chain.link())
                || !RunKey.verifyAnchor(writer.runKey, buffer, anchor.signedEnd, anchor.signature)) {
            return new VerificationReport.Finding(VerificationReport.Tampering.FORGED, index, epochNanos,
                    writer.name(), sequence, "journal.anchor does not continue this writer's chain under its run key");
        }
        return null;
    }

    private VerificationReport.Finding openWriter(WriterState writer, long index, int length, long epochNanos) {
        JournalEvent open;
        try {
            open = openDecoder.decode(index, buffer, length);
        } catch (EventDecoder.MalformedEventException e) {
            return new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, index, epochNanos,
                    writer.name(), 0, "journal.open does not decode: " + e.getMessage());
        }
        writer.writerId = open.string(EventDecoder.WRITER_ID);
        return acceptRunKey(writer, index, epochNanos, 0, open.string(EventDecoder.RUN_PUBLIC_KEY),
                open.string(EventDecoder.OPERATOR_CERTIFICATE), "journal.open");
    }

    /** Takes the run key a journal.open or anchor names, checking the operator's certificate of it when asked to. */
    private VerificationReport.Finding acceptRunKey(WriterState writer, long index, long epochNanos, long sequence,
                                                    String runPublicKey, String operatorCertificate, String record) {
        try {
            writer.runPublicKeyEncoded = Base64.getDecoder().decode(runPublicKey);
            writer.runKey = KeyFactory.getInstance(RunKey.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(writer.runPublicKeyEncoded));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new VerificationReport.Finding(VerificationReport.Tampering.CHANGED, index, epochNanos,
                    writer.name(), sequence, record + " carries no valid run public key");
        }
        if (operatorKey != null) {
            byte[] certificate;
            try {
                certificate = Base64.getDecoder().decode(operatorCertificate);
            } catch (IllegalArgumentException e) {
                certificate = new byte[0];
            }
            if (certificate.length == 0
                    || !OperatorKeys.isCertified(operatorKey, writer.writerId, writer.runPublicKeyEncoded, certificate)) {
                return new VerificationReport.Finding(VerificationReport.Tampering.UNCERTIFIED, index, epochNanos,
                        writer.name(), sequence, certificate.length == 0 ? "run key carries no operator certificate"
                        : "run key's certificate is not the operator key's signature");
            }
        }
        return null;
    }

    /** A checkpoint repeats the sequence of the event it seals; any other event takes the next one. */
    private VerificationReport.Finding checkSequence(WriterState writer, int type, long index, long sequence,
                                                     long epochNanos, ExcerptTailer tailer) {
        long expected = type == JournalFormat.TYPE_CHECKPOINT || type == JournalFormat.TYPE_ANCHOR
                ? writer.lastSequence : writer.lastSequence + 1;
        if (sequence == expected) {
            return null;
        }
        if (sequence < expected) {
            return new VerificationReport.Finding(VerificationReport.Tampering.REORDERED, index, epochNanos,
                    writer.name(), sequence, "sequence " + sequence + " after " + writer.lastSequence
                    + ": moved or repeated");
        }
        boolean later = appearsLater(tailer, writer.pid, writer.tag, expected);
        return new VerificationReport.Finding(later ? VerificationReport.Tampering.REORDERED
                : VerificationReport.Tampering.REMOVED, index, epochNanos, writer.name(), sequence,
                later ? "sequence " + expected + " of this writer comes later in the journal: events swapped"
                        : "sequence " + expected + (sequence - 1 > expected ? " to " + (sequence - 1) : "")
                        + " of this writer is missing before it");
    }

    /** Looks on from the tailer's position for the writer's event with that sequence (headers only). */
    private boolean appearsLater(ExcerptTailer tailer, int pid, int tag, long sequence) {
        for (;;) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return false;
                }
                int length = copy(dc.wire().bytes());
                if (length >= MIN_RECORD_BYTES && (buffer[2] & 0xFF) == JournalFormat.INTEGRITY_BYTES
                        && (buffer[0] & 0xFF) != JournalFormat.TYPE_CHECKPOINT
                        && (buffer[0] & 0xFF) != JournalFormat.TYPE_ANCHOR) {
                    int at = EventChain.INTEGRITY_OFFSET + JournalFormat.INTEGRITY_BYTES;
                    if (i32(buffer, at + 16) == pid && i32(buffer, at + 20) == tag && i64(buffer, at) == sequence) {
                        return true;
                    }
                }
            } catch (RuntimeException | AssertionError | InternalError e) {
                return false;
            }
        }
    }

    private boolean signatureHolds(WriterState writer, byte[] b, int bodyLength) {
        int at = EventChain.INTEGRITY_OFFSET + JournalFormat.INTEGRITY_BYTES + JournalFormat.HEADER_FIELDS_BYTES;
        if (at >= bodyLength) {
            return false;
        }
        int signatureLength = b[at] & 0xFF; // an Ed25519 signature is 64 bytes: a one-byte varint
        if (signatureLength > 0x7F || at + 1 + signatureLength > bodyLength) {
            return false;
        }
        byte[] signature = java.util.Arrays.copyOfRange(b, at + 1, at + 1 + signatureLength);
        return RunKey.verifyCheckpoint(writer.runKey, b, writer.chain.link(), signature);
    }

    /** Constant time, like MessageDigest.isEqual, without copying the stored link out of the record. */
    private static boolean linksEqual(byte[] computed, byte[] record) {
        int difference = 0;
        for (int i = 0; i < JournalFormat.INTEGRITY_BYTES; i++) {
            difference |= computed[i] ^ record[EventChain.INTEGRITY_OFFSET + i];
        }
        return difference == 0;
    }

    private static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static long i64(byte[] b, int at) {
        return (i32(b, at) & 0xFFFF_FFFFL) | (long) i32(b, at + 4) << 32;
    }

    /** The chain and counts of one writer (pid, writerTag) as verified so far. */
    private static final class WriterState {
        final int pid;
        final int tag;
        final EventChain chain = new EventChain();
        String writerId;
        PublicKey runKey;
        byte[] runPublicKeyEncoded;
        long lastSequence;
        long unsealedEvents;
        long firstUnsealedIndex;
        long firstUnsealedEpochNanos;
        boolean closed;

        WriterState(int pid, int tag) {
            this.pid = pid;
            this.tag = tag;
        }

        String name() {
            return name(pid, tag, writerId);
        }

        static String name(int pid, int tag, String writerId) {
            return "pid " + pid + " tag " + Integer.toHexString(tag) + (writerId == null ? "" : " (" + writerId + ")");
        }
    }
}
