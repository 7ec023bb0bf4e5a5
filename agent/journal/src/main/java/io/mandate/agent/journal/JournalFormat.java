package io.mandate.agent.journal;

/**
 * The on-disk event format, in one place so the writer, the reader and docs/journal.md agree.
 *
 * <p>Every Chronicle document of the journal holds exactly one event:
 * <pre>
 *   u8  type            one of the TYPE_* codes
 *   u8  typeVersion     version of that type's body layout
 *   u8  integrityLength 32 (0 in journals written before the hash chain)
 *   u8[integrityLength] integrity  this event's link of its writer's hash chain (EventChain)
 *   i64 sequence        per writer, contiguous from 0 (the journal.open event)
 *   i64 epochNanos
 *   i32 pid
 *   i32 writerTag       random per writer, tells apart writers that share a pid
 *   ... body of the type ...
 *   u32 crc32c          over every preceding byte of the event
 * </pre>
 * Integers are little-endian; a string is a varint byte count followed by UTF-8; a varint is
 * unsigned LEB128. A newer typeVersion only appends fields at the end of the body, so an older
 * reader decodes what it knows and skips the rest.
 */
public final class JournalFormat {
    /** Bumped only for a change an older reader cannot skip; written in every journal.open event. */
    public static final int FORMAT_VERSION = 1;

    public static final int TYPE_OPEN = 1;
    public static final int TYPE_CALL = 2;
    public static final int TYPE_LIFECYCLE = 3;
    public static final int TYPE_GAP = 4;
    public static final int TYPE_CLOSE = 5;
    /**
     * A signature of the writer's run key over its chain so far. Its sequence is that of the event
     * it seals (it takes no sequence number of its own), and {@link JournalReader} does not return
     * it: it is integrity metadata, read by {@link JournalVerifier}.
     */
    public static final int TYPE_CHECKPOINT = 6;
    /**
     * The first record of a writer in each new cycle file after its first: who the writer is (its
     * run key and certificate) and the link and sequence of its last event, signed by the run key.
     * It seals the writer's chain like a checkpoint, and lets a verifier start the writer's chain
     * in this file when the older files were removed by retention. Not returned by {@link JournalReader}.
     */
    public static final int TYPE_ANCHOR = 7;
    /** Old cycle files the writer is about to delete by retention, and the oldest cycle kept. */
    public static final int TYPE_RETENTION = 8;
    /**
     * Volume a call went on consuming after it was journaled (rows read from a statement's result
     * set): the body of a call of {@link #CALL_VERSION} 2 and a varint, how many executions of the
     * call the units cover, charged to the context it names. Its
     * fields may repeat the writer's previous call, but it never becomes the previous call itself,
     * so a reader that skips it (an older one sees {@code unknown.9}) still resolves every call.
     */
    public static final int TYPE_USAGE = 9;

    /** 2: appends runPublicKey and operatorCertificate. */
    public static final int OPEN_VERSION = 2;
    /** 2: appends unitsMetric and units (what the call consumed of a volume metric). */
    public static final int CALL_VERSION = 2;
    public static final int USAGE_VERSION = 1;
    public static final int LIFECYCLE_VERSION = 1;
    public static final int GAP_VERSION = 1;
    public static final int CLOSE_VERSION = 1;
    public static final int CHECKPOINT_VERSION = 1;
    public static final int ANCHOR_VERSION = 1;
    public static final int RETENTION_VERSION = 1;

    public static final String OPEN = "journal.open";
    public static final String CALL = "call";
    public static final String GAP = "journal.gap";
    public static final String CLOSE = "journal.close";
    public static final String CHECKPOINT = "journal.checkpoint";
    public static final String ANCHOR = "journal.anchor";
    public static final String RETENTION = "journal.retention";
    public static final String USAGE = "usage";
    /** A retention event names at most this many removed files (it always counts them all). */
    static final int MAX_RETENTION_FILE_NAMES = 128;

    /** integrityLength of every event a chaining writer writes: the SHA-256 link. */
    public static final int INTEGRITY_BYTES = 32;
    /** sequence, epochNanos, pid, writerTag: the header after the integrity field. */
    static final int HEADER_FIELDS_BYTES = 8 + 8 + 4 + 4;

    /** type, typeVersion, integrityLength, sequence, epochNanos, pid, writerTag (with no integrity bytes). */
    static final int MIN_HEADER_BYTES = 3 + 8 + 8 + 4 + 4;
    static final int CRC_BYTES = 4;

    public static final int CALL_FLAG_BLOCKED = 1;
    /** Some string or the access list was cut to the limits below (call and lifecycle flags). */
    public static final int FLAG_TRUNCATED = 2;

    /**
     * A call repeats the fields it shares with the same writer's previous call by a bit in its
     * repeat mask instead of writing them again; every this-many calls (and at the first call of a
     * writer, after a failed append and at each new queue file) a call is written in full, so a
     * reader that starts in the middle needs at most this many calls of a writer to resolve it.
     */
    public static final int KEYFRAME_INTERVAL = 64;

    /** Longer strings are cut (in UTF-16 chars) so one event never nears Chronicle's message limit. */
    public static final int MAX_STRING_CHARS = 8_192;
    /** More (operation, resource) pairs than this are cut. */
    public static final int MAX_ACCESSES = 64;
    /** More lifecycle attributes than this are cut. */
    public static final int MAX_ATTRIBUTES = 128;
    /**
     * No event the writer can produce is longer (at most 257 strings of at most 3 bytes a char);
     * a record claiming more is a damaged frame, and the reader refuses it before touching it.
     */
    public static final int MAX_EVENT_BYTES = 8 << 20;

    private JournalFormat() {
    }
}
