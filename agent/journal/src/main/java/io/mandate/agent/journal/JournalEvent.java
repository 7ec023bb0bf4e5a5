package io.mandate.agent.journal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded journal event: the common header plus the named fields of its type, in format
 * order. Field values are {@link String}, {@link Long}, {@link Integer}, {@link Boolean} or, for a
 * call's accesses, a {@code List<Access>}. Lifecycle events carry their attributes as string fields.
 */
public final class JournalEvent {
    private final long index;
    private final String type;
    private final int typeCode;
    private final int typeVersion;
    private final long sequence;
    private final long epochNanos;
    private final int pid;
    private final int writerTag;
    private final Map<String, Object> fields;

    JournalEvent(long index, String type, int typeCode, int typeVersion, long sequence, long epochNanos, int pid,
                 int writerTag, Map<String, Object> fields) {
        this.index = index;
        this.type = type;
        this.typeCode = typeCode;
        this.typeVersion = typeVersion;
        this.sequence = sequence;
        this.epochNanos = epochNanos;
        this.pid = pid;
        this.writerTag = writerTag;
        // the decoder's fields are read-only already; anything else is wrapped
        this.fields = fields instanceof EventFields ? fields : Collections.unmodifiableMap(fields);
    }

    /** Chronicle's index of the record (cycle and position in it); stable, usable to resume a tail. */
    public long index() {
        return index;
    }

    /** "call", "journal.open", "journal.gap", "journal.close" or the lifecycle name ("agent.start"...). */
    public String type() {
        return type;
    }

    public int typeCode() {
        return typeCode;
    }

    public int typeVersion() {
        return typeVersion;
    }

    /** Per-writer sequence, contiguous from 0 at the writer's journal.open event. */
    public long sequence() {
        return sequence;
    }

    public long epochNanos() {
        return epochNanos;
    }

    public int pid() {
        return pid;
    }

    /** Random per writer: (pid, writerTag) names the writer of this event, and sequence orders its events. */
    public int writerTag() {
        return writerTag;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    /** The string field, or "" when absent. */
    public String string(String name) {
        Object value = fields.get(name);
        return value == null ? "" : value.toString();
    }

    public long longField(String name) {
        return ((Number) Objects.requireNonNull(fields.get(name), name)).longValue();
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(fields.get(name));
    }

    /** The volume metric of {@link #units()} ("rows"), "" when none or when written before call version 2. */
    public String unitsMetric() {
        return string(EventDecoder.UNITS_METRIC);
    }

    /** How much of {@link #unitsMetric()} the call (or usage record) consumed; 0 when none or not recorded. */
    public long units() {
        Object value = fields.get(EventDecoder.UNITS);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** For a usage event: how many executions of the call named in its resource its units cover. */
    public long usageCalls() {
        Object value = fields.get(EventDecoder.CALLS);
        return value == null ? 0 : ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<Access> accesses() {
        Object value = fields.get(EventDecoder.ACCESSES);
        return value == null ? List.of() : (List<Access>) value;
    }

    @Override
    public String toString() {
        return "JournalEvent{" + type + " #" + sequence + " pid=" + pid + " t=" + epochNanos + " " + fields + "}";
    }

    /** One (operation, resource) pair the policy decided for a call. */
    public static final class Access {
        private final String operation;
        private final String resource;

        public Access(String operation, String resource) {
            this.operation = operation;
            this.resource = resource;
        }

        public String operation() {
            return operation;
        }

        public String resource() {
            return resource;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Access && ((Access) o).operation.equals(operation) && ((Access) o).resource.equals(resource);
        }

        @Override
        public int hashCode() {
            return operation.hashCode() * 31 + resource.hashCode();
        }

        @Override
        public String toString() {
            return operation + " " + resource;
        }
    }
}
