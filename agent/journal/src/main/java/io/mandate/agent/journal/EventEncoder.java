package io.mandate.agent.journal;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;

/**
 * Encodes events in the layout of {@link JournalFormat} (writer thread only), each with its link
 * of the writer's hash chain; the writer calls {@link #appended()} once an event is in the queue.
 */
final class EventEncoder {
    /** The shortest a string is cut to when an event must shrink to fit; the limits make it always enough. */
    static final int SHORTEST_CUT = 64;
    private static final byte[] NO_LINK_YET = new byte[JournalFormat.INTEGRITY_BYTES];

    private final EventBytesWriter out = new EventBytesWriter();
    private final EventChain chain = new EventChain();
    private final int pid;
    private final int writerTag;

    // the writer's previous call, for fields repeated from it (see JournalFormat.KEYFRAME_INTERVAL)
    private String[] pendingFields = new String[CallFields.STRING_COUNT];
    private String[] previousFields = new String[CallFields.STRING_COUNT];
    private String[] previousAccessOperations = new String[JournalFormat.MAX_ACCESSES];
    private String[] previousAccessResources = new String[JournalFormat.MAX_ACCESSES];
    private int previousAccessCount;
    private boolean havePrevious;
    private boolean pendingKeyframe;
    /** The event last encoded by {@link #slot(long, EventSlot, int)} had its strings cut shorter to fit. */
    private boolean cutToFit;
    private int callsSinceKeyframe;
    private long encodedSequence;

    EventEncoder(int pid, int writerTag) {
        this.pid = pid;
        this.writerTag = writerTag;
    }

    byte[] array() {
        return out.array();
    }

    int length() {
        return out.length();
    }

    int pid() {
        return pid;
    }

    int writerTag() {
        return writerTag;
    }

    void open(long sequence, long epochNanos, String writerId, String javaVersion, String rollCycle,
              int ringCapacity, String implementationVersion, byte[] runPublicKey, byte[] operatorCertificate) {
        header(JournalFormat.TYPE_OPEN, JournalFormat.OPEN_VERSION, sequence, epochNanos);
        out.varint(JournalFormat.FORMAT_VERSION);
        out.string(writerId);
        out.string(javaVersion);
        out.string(rollCycle);
        out.varint(ringCapacity);
        out.string(implementationVersion);
        out.string(Base64.getEncoder().encodeToString(runPublicKey));
        out.string(operatorCertificate == null ? "" : Base64.getEncoder().encodeToString(operatorCertificate));
        seal();
    }

    /**
     * A checkpoint sealing the writer's last appended event (whose sequence it repeats): the run
     * key's signature over its header and that event's link.
     */
    void checkpoint(long sealedSequence, long epochNanos, RunKey runKey) throws GeneralSecurityException {
        header(JournalFormat.TYPE_CHECKPOINT, JournalFormat.CHECKPOINT_VERSION, sealedSequence, epochNanos);
        byte[] signature = runKey.signCheckpoint(out.array(), chain.link());
        out.varint(signature.length);
        for (byte b : signature) {
            out.u8(b);
        }
        seal();
    }

    /**
     * The first record of this writer in a new cycle file: its identity and the link of its last
     * appended event (whose sequence it repeats), signed by the run key. See JournalFormat.TYPE_ANCHOR.
     */
    void anchor(long sealedSequence, long epochNanos, int previousCycle, String writerId, byte[] runPublicKey,
                byte[] operatorCertificate, RunKey runKey) throws GeneralSecurityException {
        header(JournalFormat.TYPE_ANCHOR, JournalFormat.ANCHOR_VERSION, sealedSequence, epochNanos);
        out.bytes(chain.link());
        out.varint(previousCycle);
        out.string(writerId);
        out.string(Base64.getEncoder().encodeToString(runPublicKey));
        out.string(operatorCertificate == null ? "" : Base64.getEncoder().encodeToString(operatorCertificate));
        byte[] signature = runKey.signAnchor(out.array(), out.length());
        out.varint(signature.length);
        out.bytes(signature);
        seal();
    }

    /** Cycle files the writer is about to delete by retention; every cycle before retainedFromCycle goes. */
    void retention(long sequence, long epochNanos, int retainedFromCycle, java.util.List<String> files, long bytes,
                   String reason) {
        header(JournalFormat.TYPE_RETENTION, JournalFormat.RETENTION_VERSION, sequence, epochNanos);
        out.varint(retainedFromCycle);
        out.varint(files.size());
        out.varint(bytes);
        out.string(reason);
        int names = Math.min(files.size(), JournalFormat.MAX_RETENTION_FILE_NAMES);
        out.varint(names);
        for (int i = 0; i < names; i++) {
            out.string(files.get(i));
        }
        seal();
    }

    /** The event just encoded is in the queue: the next one chains to it. */
    void appended() {
        chain.commit();
    }

    void slot(long sequence, EventSlot slot) {
        slot(sequence, slot, Integer.MAX_VALUE);
    }

    /**
     * Encodes a call, usage or lifecycle event in at most {@code maxBytes} when it can: an event
     * over it (the queue takes no record larger than a quarter of the chunk it maps) is encoded
     * again with its strings cut shorter, halving, and flagged truncated. The limits on strings,
     * accesses and attributes keep even the largest event within {@link #SHORTEST_CUT} chars a string.
     */
    void slot(long sequence, EventSlot slot, int maxBytes) {
        cutToFit = false;
        encodeSlot(sequence, slot, JournalFormat.MAX_STRING_CHARS);
        for (int chars = JournalFormat.MAX_STRING_CHARS / 2; out.length() > maxBytes && chars >= SHORTEST_CUT;
                chars /= 2) {
            cutToFit = true;
            encodeSlot(sequence, slot, chars);
        }
    }

    private void encodeSlot(long sequence, EventSlot slot, int maxStringChars) {
        if (slot.type == JournalFormat.TYPE_CALL || slot.type == JournalFormat.TYPE_USAGE) {
            call(sequence, slot, maxStringChars);
        } else {
            lifecycle(sequence, slot, maxStringChars);
        }
    }

    /** A call, or a usage record: the same body (the writer never makes a usage the previous call). */
    private void call(long sequence, EventSlot s, int maxStringChars) {
        boolean usage = s.type == JournalFormat.TYPE_USAGE;
        header(s.type, usage ? JournalFormat.USAGE_VERSION : JournalFormat.CALL_VERSION, sequence, s.epochNanos);
        out.cutStringsTo(maxStringChars);
        out.i64(s.durationNanos);
        out.i32(s.depth);
        String[] fields = pendingFields;
        CallFields.fill(fields, s);
        boolean keyframe = !havePrevious || callsSinceKeyframe >= JournalFormat.KEYFRAME_INTERVAL;
        int repeated = 0;
        if (!keyframe) {
            for (int i = 0; i < CallFields.STRING_COUNT; i++) {
                if (repeatable(fields[i]) && fields[i].equals(previousFields[i])) {
                    repeated |= 1 << i;
                }
            }
            if (sameAccessesAsPrevious(s)) {
                repeated |= CallFields.ACCESSES_BIT;
            }
        }
        out.i32(repeated);
        for (int i = 0; i < CallFields.STRING_COUNT; i++) {
            if ((repeated & (1 << i)) == 0) {
                out.string(fields[i]);
            }
        }
        if ((repeated & CallFields.ACCESSES_BIT) == 0) {
            out.varint(s.accessCount);
            for (int i = 0; i < s.accessCount; i++) {
                out.string(s.accessOperations[i]);
                out.string(s.accessResources[i]);
            }
        }
        pendingKeyframe = repeated == 0;
        int flags = (s.blocked ? JournalFormat.CALL_FLAG_BLOCKED : 0)
                | (out.truncated() || s.accessesTruncated ? JournalFormat.FLAG_TRUNCATED : 0);
        out.u8(flags);
        // call version 2: appended after the flags, so a version-1 reader decodes the rest and skips these
        out.string(s.unitsMetric == null ? "" : s.unitsMetric);
        out.varint(s.units);
        if (usage) {
            out.varint(s.usageCalls);
        }
        seal();
    }

    /** A cut string is written in full (cut) every time, so "truncated" always describes this event. */
    private static boolean repeatable(String value) {
        return value.length() <= JournalFormat.MAX_STRING_CHARS;
    }

    private boolean sameAccessesAsPrevious(EventSlot s) {
        if (s.accessCount != previousAccessCount || s.accessesTruncated) {
            return false;
        }
        for (int i = 0; i < s.accessCount; i++) {
            if (!Objects.equals(s.accessOperations[i], previousAccessOperations[i])
                    || !Objects.equals(s.accessResources[i], previousAccessResources[i])
                    || !repeatable(nullToEmpty(s.accessOperations[i])) || !repeatable(nullToEmpty(s.accessResources[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The call just encoded is in the journal: later calls may repeat its fields. Never called for
     * a call whose append failed, so a repetition always refers to an event a reader can see.
     */
    void callAppended(EventSlot s) {
        String[] swap = previousFields;
        previousFields = pendingFields;
        pendingFields = swap;
        if (s.accessCount > previousAccessOperations.length) {
            previousAccessOperations = new String[s.accessOperations.length];
            previousAccessResources = new String[s.accessResources.length];
        }
        System.arraycopy(s.accessOperations, 0, previousAccessOperations, 0, s.accessCount);
        System.arraycopy(s.accessResources, 0, previousAccessResources, 0, s.accessCount);
        previousAccessCount = s.accessCount;
        // a call cut to fit holds strings cut shorter than repeatable() assumes: the next repeats nothing of it
        havePrevious = !cutToFit;
        callsSinceKeyframe = pendingKeyframe ? 1 : callsSinceKeyframe + 1;
    }

    /** The next call is written in full: after a failed append or when the queue starts a new file. */
    void forceKeyframe() {
        havePrevious = false;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private void lifecycle(long sequence, EventSlot s, int maxStringChars) {
        header(JournalFormat.TYPE_LIFECYCLE, JournalFormat.LIFECYCLE_VERSION, sequence, s.epochNanos);
        out.cutStringsTo(maxStringChars);
        out.string(s.lifecycleName);
        String[] keys = s.attributeKeys;
        String[] values = s.attributeValues;
        out.varint(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.string(keys[i]);
            out.string(values[i]);
        }
        out.u8(out.truncated() || s.attributesTruncated ? JournalFormat.FLAG_TRUNCATED : 0);
        seal();
    }

    void gap(long sequence, long epochNanos, long lost, long totalLost) {
        header(JournalFormat.TYPE_GAP, JournalFormat.GAP_VERSION, sequence, epochNanos);
        out.varint(lost);
        out.varint(totalLost);
        seal();
    }

    void close(long sequence, long epochNanos, long written, long totalLost) {
        header(JournalFormat.TYPE_CLOSE, JournalFormat.CLOSE_VERSION, sequence, epochNanos);
        out.varint(written);
        out.varint(totalLost);
        seal();
    }

    /** Fills in the event's link (over everything but the link and the CRC), then the CRC over it all. */
    private void seal() {
        byte[] link = chain.computeCandidate(out.array(), out.length());
        System.arraycopy(link, 0, out.array(), EventChain.INTEGRITY_OFFSET, JournalFormat.INTEGRITY_BYTES);
        out.crc32c();
    }

    /** The sequence in the header of the event last encoded. */
    long encodedSequence() {
        return encodedSequence;
    }

    private void header(int type, int version, long sequence, long epochNanos) {
        encodedSequence = sequence;
        out.reset();
        out.u8(type);
        out.u8(version);
        out.u8(JournalFormat.INTEGRITY_BYTES);
        for (byte b : NO_LINK_YET) {
            out.u8(b); // room for the link, written by seal()
        }
        out.i64(sequence);
        out.i64(epochNanos);
        out.i32(pid);
        out.i32(writerTag);
    }
}
