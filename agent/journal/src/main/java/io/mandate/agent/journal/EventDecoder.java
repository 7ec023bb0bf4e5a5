package io.mandate.agent.journal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/** Decodes the bytes of one event as laid out in {@link JournalFormat}; checks the CRC first. */
final class EventDecoder {
    static final String FORMAT_VERSION = "formatVersion";
    static final String WRITER_ID = "writerId";
    static final String JAVA_VERSION = "javaVersion";
    static final String ROLL_CYCLE = "rollCycle";
    static final String RING_CAPACITY = "ringCapacity";
    static final String IMPLEMENTATION_VERSION = "implementationVersion";
    static final String RUN_PUBLIC_KEY = "runPublicKey";
    static final String OPERATOR_CERTIFICATE = "operatorCertificate";
    static final String ACCESSES = "accesses";
    static final String LOST = "lost";
    static final String TOTAL_LOST = "totalLost";
    static final String WRITTEN = "written";
    static final String TRUNCATED = "truncated";
    /** A call that repeats fields of a call this reader never saw: those fields are absent. */
    static final String INCOMPLETE = "incomplete";
    static final String PREVIOUS_CYCLE = "previousCycle";
    static final String RETAINED_FROM_CYCLE = "retainedFromCycle";
    static final String REMOVED_FILES = "removedFiles";
    static final String REMOVED_BYTES = "removedBytes";
    static final String REASON = "reason";
    /** The removed files' names, separated by spaces (at most JournalFormat.MAX_RETENTION_FILE_NAMES). */
    static final String FILES = "files";
    static final String UNITS_METRIC = "unitsMetric";
    static final String UNITS = "units";
    static final String CALLS = "calls";

    /** Thrown for a record whose bytes do not decode; the caller adds the record's index. */
    static final class MalformedEventException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedEventException(String message) {
            super(message);
        }
    }

    private final CRC32C crc = new CRC32C();
    /** Per writer (pid in the high half, writer tag in the low half). */
    private final Map<Long, PreviousCall> previousCalls = new HashMap<>();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] bytes;
    private int position;
    private int end;

    JournalEvent decode(long index, byte[] source, int length) throws MalformedEventException {
        if (length < JournalFormat.MIN_HEADER_BYTES + JournalFormat.CRC_BYTES) {
            throw new MalformedEventException("record of " + length + " bytes is shorter than an event header");
        }
        bytes = source;
        end = length;
        position = length - JournalFormat.CRC_BYTES;
        int stored = i32();
        crc.reset();
        crc.update(source, 0, length - JournalFormat.CRC_BYTES);
        if ((int) crc.getValue() != stored) {
            throw new MalformedEventException("CRC32C mismatch");
        }
        position = 0;
        end = length - JournalFormat.CRC_BYTES;
        int type = u8();
        int version = u8();
        int integrityLength = u8();
        skip(integrityLength);
        long sequence = i64();
        long epochNanos = i64();
        int pid = i32();
        int writerTag = i32();
        long writer = ((long) pid << 32) | (writerTag & 0xFFFF_FFFFL);
        EventFields fields = new EventFields(type == JournalFormat.TYPE_CALL || type == JournalFormat.TYPE_USAGE ? 28 : 8,
                type == JournalFormat.TYPE_LIFECYCLE);
        String name;
        switch (type) {
            case JournalFormat.TYPE_OPEN:
                name = JournalFormat.OPEN;
                previousCalls.remove(writer);
                open(version, fields);
                break;
            case JournalFormat.TYPE_CALL:
                name = JournalFormat.CALL;
                call(writer, fields, version >= 2, true);
                break;
            case JournalFormat.TYPE_USAGE:
                name = JournalFormat.USAGE;
                call(writer, fields, true, false);
                break;
            case JournalFormat.TYPE_LIFECYCLE:
                name = string();
                lifecycle(fields);
                break;
            case JournalFormat.TYPE_GAP:
                name = JournalFormat.GAP;
                fields.put(LOST, varint());
                fields.put(TOTAL_LOST, varint());
                break;
            case JournalFormat.TYPE_CLOSE:
                name = JournalFormat.CLOSE;
                fields.put(WRITTEN, varint());
                fields.put(TOTAL_LOST, varint());
                break;
            case JournalFormat.TYPE_CHECKPOINT:
                // its signature is only meaningful to JournalVerifier, which reads the raw record
                name = JournalFormat.CHECKPOINT;
                break;
            case JournalFormat.TYPE_ANCHOR:
                name = JournalFormat.ANCHOR;
                skip(JournalFormat.INTEGRITY_BYTES); // the sealed link: only JournalVerifier needs it
                fields.put(PREVIOUS_CYCLE, varint());
                fields.put(WRITER_ID, string());
                fields.put(RUN_PUBLIC_KEY, string());
                fields.put(OPERATOR_CERTIFICATE, string());
                break;
            case JournalFormat.TYPE_RETENTION:
                name = JournalFormat.RETENTION;
                retention(fields);
                break;
            default:
                // a type added by a later format: its header is still readable, its body is skipped
                name = "unknown." + type;
                break;
        }
        // bytes left over belong to fields a newer typeVersion appended; they are skipped on purpose
        return new JournalEvent(index, name, type, version, sequence, epochNanos, pid, writerTag, fields.freeze());
    }

    private void open(int version, Map<String, Object> fields) throws MalformedEventException {
        long formatVersion = varint();
        fields.put(FORMAT_VERSION, formatVersion);
        fields.put(WRITER_ID, string());
        fields.put(JAVA_VERSION, string());
        fields.put(ROLL_CYCLE, string());
        fields.put(RING_CAPACITY, varint());
        fields.put(IMPLEMENTATION_VERSION, string());
        if (version >= 2) {
            fields.put(RUN_PUBLIC_KEY, string());
            fields.put(OPERATOR_CERTIFICATE, string());
        }
    }

    /**
     * @param withUnits   the body has unitsMetric and units after the flags (call version 2, usage)
     * @param isPrevious  later calls of the writer may repeat this one's fields (calls, not usage records)
     */
    private void call(long writer, Map<String, Object> f, boolean withUnits, boolean isPrevious)
            throws MalformedEventException {
        f.put("durationNanos", i64());
        f.put("depth", i32());
        int repeated = i32();
        PreviousCall previous = previousCalls.get(writer);
        String[] values = new String[CallFields.STRING_COUNT];
        boolean incomplete = false;
        for (int i = 0; i < CallFields.STRING_COUNT; i++) {
            if ((repeated & (1 << i)) == 0) {
                values[i] = string();
            } else if (previous != null && previous.fields[i] != null) {
                values[i] = previous.fields[i];
            } else {
                incomplete = true; // repeats a call this reader has not seen (it started mid-journal)
            }
        }
        List<JournalEvent.Access> accesses;
        if ((repeated & CallFields.ACCESSES_BIT) == 0) {
            long count = varint();
            if (count > JournalFormat.MAX_ACCESSES) {
                throw new MalformedEventException("access count " + count + " exceeds " + JournalFormat.MAX_ACCESSES);
            }
            List<JournalEvent.Access> read = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                read.add(new JournalEvent.Access(string(), string()));
            }
            accesses = List.copyOf(read);
        } else if (previous != null && previous.accesses != null) {
            accesses = previous.accesses;
        } else {
            accesses = null;
            incomplete = true;
        }
        int flags = u8();
        for (int i = 0; i < CallFields.STRING_COUNT; i++) {
            if (values[i] != null) {
                f.put(CallFields.NAMES.get(i), values[i]);
            }
        }
        if (accesses != null) {
            f.put(ACCESSES, accesses);
        }
        f.put("blocked", (flags & JournalFormat.CALL_FLAG_BLOCKED) != 0);
        f.put(TRUNCATED, (flags & JournalFormat.FLAG_TRUNCATED) != 0);
        f.put(INCOMPLETE, incomplete);
        if (withUnits) {
            f.put(UNITS_METRIC, string());
            f.put(UNITS, varint());
        }
        if (!isPrevious) {
            f.put(CALLS, varint()); // a usage record: the executions its units cover
        }
        if (isPrevious) {
            previousCalls.put(writer, new PreviousCall(values, accesses));
        }
    }

    /**
     * Forgets every writer's previous call: after a damaged record or a jump, a repeat mask may
     * refer to a call this reader did not decode, and must show as incomplete, never as wrong.
     */
    void forgetPreviousCalls() {
        previousCalls.clear();
    }

    /** The fields a writer's next call may repeat; null where this reader does not know them. */
    private static final class PreviousCall {
        final String[] fields;
        final List<JournalEvent.Access> accesses;

        PreviousCall(String[] fields, List<JournalEvent.Access> accesses) {
            this.fields = fields;
            this.accesses = accesses;
        }
    }

    private void retention(Map<String, Object> fields) throws MalformedEventException {
        fields.put(RETAINED_FROM_CYCLE, varint());
        fields.put(REMOVED_FILES, varint());
        fields.put(REMOVED_BYTES, varint());
        fields.put(REASON, string());
        long names = varint();
        if (names > JournalFormat.MAX_RETENTION_FILE_NAMES) {
            throw new MalformedEventException("retention names " + names + " files, more than "
                    + JournalFormat.MAX_RETENTION_FILE_NAMES);
        }
        StringBuilder files = new StringBuilder();
        for (long i = 0; i < names; i++) {
            files.append(i == 0 ? "" : " ").append(string());
        }
        fields.put(FILES, files.toString());
    }

    private void lifecycle(Map<String, Object> fields) throws MalformedEventException {
        long count = varint();
        if (count > JournalFormat.MAX_ATTRIBUTES) {
            throw new MalformedEventException("attribute count " + count + " exceeds " + JournalFormat.MAX_ATTRIBUTES);
        }
        for (long i = 0; i < count; i++) {
            String key = string();
            fields.put(key, string());
        }
        fields.put(TRUNCATED, (u8() & JournalFormat.FLAG_TRUNCATED) != 0);
    }

    private int u8() throws MalformedEventException {
        need(1);
        return bytes[position++] & 0xFF;
    }

    private int i32() throws MalformedEventException {
        need(4);
        int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8
                | (bytes[position + 2] & 0xFF) << 16 | (bytes[position + 3] & 0xFF) << 24;
        position += 4;
        return value;
    }

    private long i64() throws MalformedEventException {
        need(8);
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[position + i] & 0xFF);
        }
        position += 8;
        return value;
    }

    private long varint() throws MalformedEventException {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = u8();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedEventException("varint longer than 9 bytes at " + position);
    }

    private String string() throws MalformedEventException {
        long length = varint();
        if (length > end - position) {
            throw new MalformedEventException("string of " + length + " bytes at " + position + " overruns the record");
        }
        int n = (int) length;
        if (ascii(bytes, position, n)) {
            // most strings are ASCII: copying them as Latin-1 is exact and several times faster than decoding
            String value = new String(bytes, position, n, StandardCharsets.ISO_8859_1);
            position += n;
            return value;
        }
        try {
            String value = utf8.decode(ByteBuffer.wrap(bytes, position, n)).toString();
            position += n;
            return value;
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("invalid UTF-8 at " + position);
        }
    }

    private static boolean ascii(byte[] source, int from, int length) {
        for (int i = from, end = from + length; i < end; i++) {
            if (source[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void skip(int n) throws MalformedEventException {
        need(n);
        position += n;
    }

    private void need(int n) throws MalformedEventException {
        if (n > end - position) {
            throw new MalformedEventException("record ends at " + end + ", needs " + n + " more bytes at " + position);
        }
    }
}
