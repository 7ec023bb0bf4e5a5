package io.mandate.agent.journal;

/** Encodes events in the layout of {@link JournalFormat} (writer thread only). */
final class EventEncoder {
    private final EventBytesWriter out = new EventBytesWriter();
    private final int pid;

    EventEncoder(int pid) {
        this.pid = pid;
    }

    byte[] array() {
        return out.array();
    }

    int length() {
        return out.length();
    }

    void open(long sequence, long epochNanos, String writerId, String javaVersion, String rollCycle,
              int ringCapacity, String implementationVersion) {
        header(JournalFormat.TYPE_OPEN, JournalFormat.OPEN_VERSION, sequence, epochNanos);
        out.varint(JournalFormat.FORMAT_VERSION);
        out.string(writerId);
        out.string(javaVersion);
        out.string(rollCycle);
        out.varint(ringCapacity);
        out.string(implementationVersion);
        out.crc32c();
    }

    void slot(long sequence, EventSlot slot) {
        if (slot.type == JournalFormat.TYPE_CALL) {
            call(sequence, slot);
        } else {
            lifecycle(sequence, slot);
        }
    }

    private void call(long sequence, EventSlot s) {
        header(JournalFormat.TYPE_CALL, JournalFormat.CALL_VERSION, sequence, s.epochNanos);
        out.i64(s.durationNanos);
        out.string(s.threadName);
        out.string(s.agent);
        out.string(s.chainId);
        out.string(s.parentChainId);
        out.string(s.rootChainId);
        out.i32(s.depth);
        out.string(s.stepId);
        out.string(s.tool);
        out.string(s.purpose);
        out.string(s.user);
        out.string(s.kind);
        out.string(s.operation);
        out.string(s.resource);
        out.varint(s.accessCount);
        for (int i = 0; i < s.accessCount; i++) {
            out.string(s.accessOperations[i]);
            out.string(s.accessResources[i]);
        }
        out.string(s.verdict);
        out.string(s.ruleId);
        out.string(s.reason);
        out.string(s.policyHash);
        out.string(s.mode);
        int flagsPosition = out.length();
        out.u8(0);
        out.string(s.error);
        int flags = (s.blocked ? JournalFormat.CALL_FLAG_BLOCKED : 0)
                | (out.truncated() || s.accessesTruncated ? JournalFormat.FLAG_TRUNCATED : 0);
        out.setU8(flagsPosition, flags);
        out.crc32c();
    }

    private void lifecycle(long sequence, EventSlot s) {
        header(JournalFormat.TYPE_LIFECYCLE, JournalFormat.LIFECYCLE_VERSION, sequence, s.epochNanos);
        out.string(s.lifecycleName);
        String[] keys = s.attributeKeys;
        String[] values = s.attributeValues;
        out.varint(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.string(keys[i]);
            out.string(values[i]);
        }
        out.u8(out.truncated() || s.attributesTruncated ? JournalFormat.FLAG_TRUNCATED : 0);
        out.crc32c();
    }

    void gap(long sequence, long epochNanos, long lost, long totalLost) {
        header(JournalFormat.TYPE_GAP, JournalFormat.GAP_VERSION, sequence, epochNanos);
        out.varint(lost);
        out.varint(totalLost);
        out.crc32c();
    }

    void close(long sequence, long epochNanos, long written, long totalLost) {
        header(JournalFormat.TYPE_CLOSE, JournalFormat.CLOSE_VERSION, sequence, epochNanos);
        out.varint(written);
        out.varint(totalLost);
        out.crc32c();
    }

    private void header(int type, int version, long sequence, long epochNanos) {
        out.reset();
        out.u8(type);
        out.u8(version);
        out.u8(0); // integrity length: the hash chain is not written yet
        out.i64(sequence);
        out.i64(epochNanos);
        out.i32(pid);
    }
}
