package io.mandate.agent.journal;

import java.time.Instant;
import java.util.List;

/**
 * What {@link JournalVerifier} found: either every event links and every checkpoint is genuine
 * ({@link #ok()}), possibly with unsealed tails, or the first event that breaks the chain.
 */
public final class VerificationReport {
    /** How the first bad event is bad. */
    public enum Tampering {
        /** Its bytes are not those its writer hashed (or not even a well-formed event). */
        CHANGED,
        /** Events of its writer that should come before it are not in the journal. */
        REMOVED,
        /** Its writer's events are out of order (the missing ones are found later) or repeated. */
        REORDERED,
        /** A checkpoint not signed by its run's key, or events of a writer that never opened. */
        FORGED,
        /** Its run key is not certified by the operator key the verifier was given. */
        UNCERTIFIED
    }

    /** The first bad event: its Chronicle index, time, writer and sequence as the record claims them. */
    public static final class Finding {
        private final Tampering tampering;
        private final long index;
        private final long epochNanos;
        private final String writer;
        private final long sequence;
        private final String detail;

        Finding(Tampering tampering, long index, long epochNanos, String writer, long sequence, String detail) {
            this.tampering = tampering;
            this.index = index;
            this.epochNanos = epochNanos;
            this.writer = writer;
            this.sequence = sequence;
            this.detail = detail;
        }

        public Tampering tampering() {
            return tampering;
        }

        /** Chronicle index of the record, as {@link JournalEvent#index()}. */
        public long index() {
            return index;
        }

        public long epochNanos() {
            return epochNanos;
        }

        public String writer() {
            return writer;
        }

        public long sequence() {
            return sequence;
        }

        public String detail() {
            return detail;
        }

        @Override
        public String toString() {
            return "TAMPERED " + tampering + " at index " + index + " (" + Long.toHexString(index) + "), time "
                    + Instant.ofEpochSecond(0, epochNanos) + ", writer " + writer + ", sequence " + sequence
                    + ": " + detail;
        }
    }

    /**
     * Events of a writer after its last checkpoint: their chain is consistent, but no signature
     * vouches for them (the writer crashed, is still running, or its end was cut off).
     */
    public static final class UnsealedTail {
        private final String writer;
        private final long events;
        private final long firstIndex;
        private final long firstEpochNanos;
        private final boolean closed;

        UnsealedTail(String writer, long events, long firstIndex, long firstEpochNanos, boolean closed) {
            this.writer = writer;
            this.events = events;
            this.firstIndex = firstIndex;
            this.firstEpochNanos = firstEpochNanos;
            this.closed = closed;
        }

        public String writer() {
            return writer;
        }

        public long events() {
            return events;
        }

        public long firstIndex() {
            return firstIndex;
        }

        public long firstEpochNanos() {
            return firstEpochNanos;
        }

        /** The tail ends with journal.close, so only the final checkpoint is missing. */
        public boolean closed() {
            return closed;
        }

        @Override
        public String toString() {
            return "unsealed tail: " + events + " event(s) of writer " + writer + " from index " + firstIndex
                    + " (" + Instant.ofEpochSecond(0, firstEpochNanos) + ") are chained but not signed: "
                    + (closed ? "its final checkpoint is missing" : "the writer crashed or is still running")
                    + "; consistent, not authenticated";
        }
    }

    private final long events;
    private final long writers;
    private final long checkpoints;
    private final List<UnsealedTail> unsealedTails;
    private final Finding tampered;
    private final String retainedFrom;
    private final long anchoredWriters;

    VerificationReport(long events, long writers, long checkpoints, List<UnsealedTail> unsealedTails, Finding tampered,
                       String retainedFrom, long anchoredWriters) {
        this.events = events;
        this.writers = writers;
        this.checkpoints = checkpoints;
        this.unsealedTails = List.copyOf(unsealedTails);
        this.tampered = tampered;
        this.retainedFrom = retainedFrom;
        this.anchoredWriters = anchoredWriters;
    }

    /**
     * The oldest cycle file retention kept (every older one was removed, as signed journal.retention
     * events say), or null when no retention event was seen.
     */
    public String retainedFrom() {
        return retainedFrom;
    }

    /**
     * Writers whose first remaining record is a signed cycle anchor: their earlier events were in
     * files removed by retention, and their chain is verified from the anchor on.
     */
    public long anchoredWriters() {
        return anchoredWriters;
    }

    public boolean ok() {
        return tampered == null;
    }

    /** The first bad event, or null when {@link #ok()}. */
    public Finding tampered() {
        return tampered;
    }

    /** Records verified (checkpoints included) before the end or the first bad one. */
    public long events() {
        return events;
    }

    /** Writers (runs) seen, each from its journal.open. */
    public long writers() {
        return writers;
    }

    public long checkpoints() {
        return checkpoints;
    }

    public List<UnsealedTail> unsealedTails() {
        return unsealedTails;
    }

    /** The lines `mandate verify` prints. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(ok() ? "OK" : tampered.toString()).append('\n');
        text.append(events).append(" events, ").append(writers).append(" writers, ")
                .append(checkpoints).append(" checkpoints verified\n");
        if (retainedFrom != null) {
            text.append("older files were removed by retention (signed journal.retention events): every cycle before ")
                    .append(retainedFrom).append('\n');
        }
        if (anchoredWriters > 0) {
            text.append(anchoredWriters).append(" writer(s) verified from their signed cycle anchor: their earlier events")
                    .append(ok() ? " were in the files retention removed" : " are not in the journal").append('\n');
        }
        for (UnsealedTail tail : unsealedTails) {
            text.append(tail).append('\n');
        }
        return text.toString();
    }
}
